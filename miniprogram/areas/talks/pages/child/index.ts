/**
 * A child's care file (staff): 谈心 (this month's status, the talks, actions to follow up, 记录谈心), 方案 (the
 * individual plan a concern calls for, the plans), 帮扶计划 (this term's help plan and its summary), 日记与辅导 (the
 * growth diary and counselling notes, with a form for each). Urgent alerts on top for those who may see them.
 * First screen: one talks.child call. ?childId=<child>&tab=<tab>
 */
import type { ChildFile, CounsellingInput, TalkBrief } from '../../../../../typings/actions/talks';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime, dayLabel, monthLabel } from '../../../../services/time';
import { STATUS_THEME } from '../../services/options';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Tab = 'talks' | 'plans' | 'help' | 'notes';

const STATUS_TEXT = { done: '已谈心', due: '待谈心', overdue: '逾期未谈' };

const talkRow = (t: TalkBrief) => ({
  ...t,
  title: `${dayLabel(t.date, { year: 'auto' })} · ${t.talkerName}（${t.talkerRoleLabel}）`,
  meta: [`情绪：${t.moodLabel}`, t.topicLabels.join('、'), t.hasFamilySummary ? '已与家长分享小结' : ''].filter(Boolean).join(' · '),
});

const own = instanceState(() => ({ childId: '', loaded: false }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    tab: 'talks' as Tab,
    file: null as ChildFile | null,
    statusText: '',
    statusTheme: 'warning',
    talks: [] as ReturnType<typeof talkRow>[],
    moreTalks: false,
    actions: [] as { id: string; text: string; meta: string }[],
    planDueText: '',
    alerts: [] as { id: string; message: string; when: string; steps: string }[],
    plans: [] as { id: string; title: string; meta: string }[],
    diary: [] as { id: string; meta: string; text: string }[],
    counselling: [] as { id: string; meta: string; text: string; nextSteps: string | null }[],
    noteKind: 'diary' as 'diary' | 'counselling',
    noteSaves: 0,
    noteError: '',
    busy: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).childId = query.childId ?? '';
      this.setData({ tab: (query.tab as Tab) || 'talks' });
      this.load();
    },

    onShow() {
      if (own(this).loaded) this.load({ refresh: true });
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          const file = await call('talks.child', { childId: own(this).childId });
          if (!screen.current()) return;
          own(this).loaded = true;
          this.show(file);
        },
        options,
      );
    },

    show(file: ChildFile) {
      wx.setNavigationBarTitle?.({ title: `${file.child.name} · 谈心与帮扶` });
      const req = file.planRequirement;
      this.setData({
        state: 'ready',
        file,
        statusText: file.child.leftBehind ? `${monthLabel(file.month, { year: 'auto' })}${STATUS_TEXT[file.monthStatus]}` : '非留守儿童（不在每月谈心名单中）',
        statusTheme: STATUS_THEME[file.monthStatus],
        talks: file.talks.map(talkRow),
        moreTalks: file.moreTalks,
        actions: file.openActions.map((a) => ({
          id: `${a.talkId}/${a.id}`,
          text: a.text,
          meta: `${dayLabel(a.talkDate)}商定 · ${a.owner} · ${dayLabel(a.dueDate)}前`,
        })),
        planDueText: req ? `${req.concernLabels.join('、')}：需在${dayLabel(req.dueDate)}前制定个别教育管理方案` : '',
        alerts: file.alerts.map((a) => ({
          id: a.id,
          message: a.message,
          when: beijingDateTime(a.createdAt),
          steps: a.steps ? `已记录 ${a.steps} 步` : '尚未记录报告',
        })),
        plans: file.plans.map((p) => ({
          id: p.id,
          title: `${p.reasonLabels.join('、')} · ${p.statusLabel}`,
          meta: `${dayLabel(p.startDate, { year: 'auto' })}开始 · 复查 ${p.reviews} 次${p.nextReview ? ` · 下次复查 ${dayLabel(p.nextReview)}` : ''}${p.closedOn ? ` · ${dayLabel(p.closedOn)}结束` : ''}`,
        })),
        diary: file.diary.map((d) => ({ id: d.id, meta: `${dayLabel(d.date, { year: 'auto' })} · ${d.byName}`, text: d.text })),
        counselling: file.counselling.map((c) => ({
          id: c.id,
          meta: `${dayLabel(c.date, { year: 'auto' })} · ${c.counsellorName}（${c.counsellorRoleLabel}）· ${c.focusLabel}`,
          text: c.notes,
          nextSteps: c.nextSteps,
        })),
      });
    },

    onRetry() {
      this.load();
    },

    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>) {
      this.setData({ tab: e.currentTarget.dataset.tab });
    },

    go(page: 'talkCard' | 'talkPlan' | 'helpPlan' | 'talkAlert', query: Record<string, string>) {
      wx.navigateTo({ url: pageUrl(page, query) });
    },

    onRecord() {
      this.go('talkCard', { childId: own(this).childId });
    },

    onOpenTalk(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.go('talkCard', { talkId: e.currentTarget.dataset.id });
    },

    onNewPlan() {
      this.go('talkPlan', { childId: own(this).childId });
    },

    onOpenPlan(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.go('talkPlan', { planId: e.currentTarget.dataset.id });
    },

    onHelpPlan() {
      this.go('helpPlan', { childId: own(this).childId });
    },

    onOpenAlert(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      this.go('talkAlert', { alertId: e.currentTarget.dataset.id });
    },

    async onMoreTalks() {
      const last = this.data.talks[this.data.talks.length - 1];
      if (!last || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const page = await call('talks.history', { childId: own(this).childId, before: `${last.date}|${last.id}` });
        this.setData({ talks: [...this.data.talks, ...page.talks.map(talkRow)], moreTalks: page.more });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },

    onNoteKind(e: WechatMiniprogram.BaseEvent<Record<string, never>, { kind: 'diary' | 'counselling' }>) {
      this.setData({ noteKind: e.currentTarget.dataset.kind, noteError: '' });
    },

    async onNote(e: WechatMiniprogram.CustomEvent<{ note: Record<string, string | null> }>) {
      if (this.data.busy) return;
      this.setData({ busy: true, noteError: '' });
      const childId = own(this).childId;
      try {
        const note = e.detail.note;
        if (this.data.noteKind === 'diary') await call('diary.add', { childId, date: note.date!, text: note.text! });
        else await call('counselling.record', { childId, ...(note as Omit<CounsellingInput, 'childId'>) });
        wx.showToast({ title: '已保存', icon: 'success' });
        this.setData({ noteSaves: this.data.noteSaves + 1 });
        await this.load({ refresh: true });
      } catch (err) {
        this.setData({ noteError: errorMessage(err) });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
