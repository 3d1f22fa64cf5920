/**
 * 座谈会 of a class (?classId=, else the teacher's own class) or the school (?schoolId=, admin): those held, newest
 * first, and the form to record one — day, topic, place, who came (picked from the care network: class teacher,
 * mentors, the left-behind children, their guardians, proxy parents), others present, minutes, decisions.
 * First screen: one symposiums.list call.
 */
import type { ParticipantKind, SymposiumScreen } from '../../../../../typings/actions/talks';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { dayLabel } from '../../../../services/time';
import { refusal } from '../../services/form';
import { orNull } from '../../services/options';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

const GROUPS: { kind: ParticipantKind; title: string }[] = [
  { kind: 'teacher', title: '班主任' },
  { kind: 'mentor', title: '帮扶教师' },
  { kind: 'child', title: '留守儿童' },
  { kind: 'guardian', title: '监护人' },
  { kind: 'proxy', title: '委托监护人/代理家长' },
];

const blank = (today: string) => ({
  date: today,
  dateText: dayLabel(today),
  topic: '',
  place: '关爱室',
  picked: {} as Record<string, string[]>,
  others: '',
  minutes: '',
  decisions: '',
});

const own = instanceState(() => ({ query: {} as { classId?: string; schoolId?: string } }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    screen: null as SymposiumScreen | null,
    held: [] as (SymposiumScreen['symposiums'][number] & { dateText: string; names: string })[],
    groups: [] as { kind: string; title: string; options: { value: string; label: string }[]; value: string[] }[],
    open: false,
    form: blank(''),
    message: '',
    formError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).query = { classId: query.classId, schoolId: query.schoolId };
      this.load();
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const res = await call('symposiums.list', own(this).query);
          if (screen.current()) this.show(res);
        },
        options,
      );
    },

    show(s: SymposiumScreen) {
      wx.setNavigationBarTitle?.({ title: `${s.scope.name} · 座谈会` });
      this.setData({
        state: 'ready',
        screen: s,
        held: s.symposiums.map((h) => ({ ...h, dateText: dayLabel(h.date, { year: 'auto' }), names: h.participants.map((p) => p.name).join('、') })),
        groups: GROUPS.map((g) => ({
          ...g,
          options: s.candidates
            .filter((c) => c.kind === g.kind)
            .map((c) => ({ value: c.refId, label: c.kind === 'child' || c.kind === 'teacher' ? c.name : `${c.name}（${c.note}）` })),
          value: [] as string[],
        })).filter((g) => g.options.length),
        form: blank(s.today),
      });
    },

    onRetry() {
      this.load();
    },

    onOpen() {
      this.setData({ open: !this.data.open, message: '' });
    },

    onDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'form.date': e.detail.value, 'form.dateText': dayLabel(e.detail.value) });
    },

    onField(e: WechatMiniprogram.CustomEvent<{ value: string }, Record<string, never>, { field: string }>) {
      this.setData({ [`form.${e.currentTarget.dataset.field}`]: e.detail.value, formError: '' });
    },

    onPick(e: WechatMiniprogram.CustomEvent<{ value: string[] }, Record<string, never>, { index: number }>) {
      const index = Number(e.currentTarget.dataset.index);
      this.setData({ [`groups[${index}].value`]: e.detail.value, [`form.picked.${this.data.groups[index].kind}`]: e.detail.value, formError: '' });
    },

    async onSave() {
      const f = this.data.form;
      const participants = Object.entries(f.picked).flatMap(([kind, ids]) => ids.map((refId) => ({ kind: kind as ParticipantKind, refId })));
      const problem = !f.topic.trim()
        ? '请填写座谈会主题'
        : !f.place.trim()
          ? '请填写地点'
          : !participants.length && !f.others.trim()
            ? '请选择参加的人员'
            : !f.minutes.trim()
              ? '请填写会议纪要'
              : '';
      if (problem) return this.setData({ formError: problem });
      if (this.data.busy) return;
      this.setData({ busy: true, formError: '' });
      const scope = this.data.screen!.scope;
      try {
        await call('symposiums.record', {
          ...(scope.classId ? { classId: scope.classId } : { schoolId: scope.schoolId }),
          date: f.date,
          topic: f.topic.trim(),
          place: f.place.trim(),
          participants,
          others: orNull(f.others),
          minutes: f.minutes.trim(),
          decisions: f.decisions
            .split('\n')
            .map((d) => d.trim())
            .filter(Boolean),
        });
        await this.load({ refresh: true });
        this.setData({ open: false, message: '座谈会已记录' });
      } catch (err) {
        this.setData({ formError: refusal(err, () => 'form').form || '请按提示修改后再保存' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
