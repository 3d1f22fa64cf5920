/**
 * 帮扶计划 of a child for a term of the school calendar (?childId=&termStart=): written at the start of term — goals,
 * time, content, expected stage results, the study buddy (学习帮手) and subjects — then regular records (平时记录) and
 * the end-of-term summary (期末总结, its own page). First screen: one helpPlans.get call.
 */
import type { HelpPlanScreen, HelpPlanView } from '../../../../../typings/actions/talks';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime, dayLabel, dayRangeLabel } from '../../../../services/time';
import { refusal } from '../../services/form';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const SUBJECTS = ['语文', '数学', '英语', '科学', '道德与法治'].map((s) => ({ value: s, label: s }));
const FIELDS = ['goals', 'schedule', 'content', 'expected'] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = { goals: '帮扶目标', schedule: '帮扶时间', content: '帮扶内容', expected: '预期阶段性效果' };

const formOf = (p: HelpPlanView | null) => ({
  goals: p?.goals ?? '',
  schedule: p?.schedule ?? '',
  content: p?.content ?? '',
  expected: p?.expected ?? '',
  buddy: p?.buddy ? [p.buddy.childId] : ([] as string[]),
  subjects: p?.subjects ?? ([] as string[]),
});

const own = instanceState(() => ({ childId: '', termStart: '' }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    screen: null as HelpPlanScreen | null,
    termText: '',
    terms: [] as { value: string; label: string }[],
    termChoice: [] as string[],
    recordEnd: '',
    editing: false,
    form: formOf(null),
    buddies: [] as { value: string; label: string }[],
    subjects: SUBJECTS,
    records: [] as { id: string; dateText: string; text: string; byName: string }[],
    record: { date: '', dateText: '', text: '' },
    summaryText: '',
    errors: {} as Record<string, string>,
    message: '',
    formError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      Object.assign(own(this), { childId: query.childId ?? '', termStart: query.termStart ?? '' });
      this.load();
    },

    onShow() {
      if (this.data.state === 'ready') this.load({ refresh: true });
    },

    load(options: { refresh?: boolean } = {}) {
      const { childId, termStart } = own(this);
      return loadScreen(
        this,
        async (screen) => {
          const res = await call('helpPlans.get', { childId, termStart: termStart || undefined });
          if (screen.current()) this.show(res);
        },
        options,
      );
    },

    show(s: HelpPlanScreen) {
      wx.setNavigationBarTitle?.({ title: `${s.child.name} · 帮扶计划` });
      const plan = s.plan;
      const recordDay = s.term && s.today > s.term.end ? s.term.end : s.today;
      this.setData({
        state: 'ready',
        screen: s,
        termText: s.term ? `${s.term.name}（${dayRangeLabel(s.term.start, s.term.end)}）` : '',
        terms: s.terms.map((t) => ({ value: t.start, label: t.name })),
        termChoice: s.term ? [s.term.start] : [],
        recordEnd: recordDay,
        editing: !plan,
        form: formOf(plan),
        buddies: s.buddies.map((b) => ({ value: b.childId, label: b.buddy ? `${b.name}（手拉手）` : b.name })),
        records: (plan?.records ?? []).map((r) => ({ id: r.id, dateText: dayLabel(r.date), text: r.text, byName: r.byName })).reverse(),
        record: { date: recordDay, dateText: dayLabel(recordDay), text: '' },
        summaryText: plan?.summary?.signedOff ? `${plan.summary.signedOff.byName} ${beijingDateTime(plan.summary.signedOff.at)} 签字` : '还没有期末总结',
        errors: {},
      });
    },

    onRetry() {
      this.load();
    },

    onTerm(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
      if (!e.detail.value[0]) return;
      own(this).termStart = e.detail.value[0];
      this.load();
    },

    onEdit() {
      this.setData({ editing: true, message: '' });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string | string[] }, Record<string, never>, { field: string }>) {
      const field = e.currentTarget.dataset.field;
      this.setData({ [`form.${field}`]: e.detail.value, [`errors.${field}`]: '', formError: '' });
    },

    async run(work: () => Promise<string>) {
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '', message: '' });
      try {
        this.setData({ message: await work() });
      } catch (err) {
        const { fields, form } = refusal(err, (path) => path.split('.')[0]);
        this.setData({ errors: { ...this.data.errors, ...fields }, formError: form || '请按提示修改后再保存' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onSave() {
      const f = this.data.form;
      const missing = Object.fromEntries(FIELDS.filter((k) => !f[k].trim()).map((k) => [k, `请填写${LABELS[k]}`]));
      if (Object.keys(missing).length) return this.setData({ errors: missing, formError: '还有内容没有填好，请看标红的地方' });
      const s = this.data.screen!;
      return this.run(async () => {
        await call('helpPlans.save', {
          childId: s.child.id,
          termStart: s.term!.start,
          goals: f.goals.trim(),
          schedule: f.schedule.trim(),
          content: f.content.trim(),
          expected: f.expected.trim(),
          buddyChildId: f.buddy[0] ?? null,
          subjects: f.subjects,
          expectedVersion: s.plan?.version ?? 0,
        });
        await this.load({ refresh: true });
        return '帮扶计划已保存';
      });
    },

    onRecordDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'record.date': e.detail.value, 'record.dateText': dayLabel(e.detail.value) });
    },

    onRecordText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'record.text': e.detail.value, formError: '' });
    },

    onAddRecord() {
      const r = this.data.record;
      if (!r.text.trim()) return this.setData({ formError: '请写下这次帮扶的内容' });
      return this.run(async () => {
        await call('helpPlans.record', { planId: this.data.screen!.plan!.id, date: r.date, text: r.text.trim() });
        await this.load({ refresh: true });
        return '已记录';
      });
    },

    onSummary() {
      wx.navigateTo({ url: pageUrl('termSummary', { planId: this.data.screen!.plan!.id }) });
    },
  },
});
