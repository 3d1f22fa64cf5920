/**
 * 谈心 · 本月 (the page the monthly talk reminders open): the teacher's own round — the children they mentor and the
 * left-behind children of their class — or, with ?classId, a class's round (class teacher, admin), with ?schoolId the
 * school's classes (admin). Each child: this month's status (已谈心 / 待谈心 / 逾期未谈), the last talk, actions
 * still to follow up, an individual plan due, an urgent alert. Months back and forth (?month=YYYY-MM).
 * First screen: one call (talks.mine, or talks.month).
 */
import type { RoundRow, RoundView } from '../../../../../typings/actions/talks';
import { call } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { dayLabel, monthLabel } from '../../../../services/time';
import { STATUS_THEME } from '../../services/options';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

/** A row as the list shows it. */
function rowView(r: RoundRow, mine: boolean) {
  const last = r.lastTalk;
  return {
    ...r,
    theme: STATUS_THEME[r.status],
    meta: mine ? r.className : '',
    lastText: last ? `上次 ${dayLabel(last.date)} · ${last.moodLabel} · ${last.talkerName}` : '半年内没有谈心记录',
    actionsText: r.openActions.length ? `${r.openActions.length} 项商定事项待跟进` : '',
    planText: r.planDue ? `需在${dayLabel(r.planDue)}前制定个别教育管理方案` : '',
    whose: r.mine ? '' : `负责：${r.responsible.join('、') || '未指定'}`,
  };
}

const own = instanceState(() => ({ query: {} as { classId?: string; schoolId?: string } }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    month: '',
    round: null as RoundView | null,
    title: '',
    monthText: '',
    countsText: '',
    rows: [] as ReturnType<typeof rowView>[],
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      // A reminder sent before the talk pages existed named the child: their page is the one to open.
      if (query.childId && !query.classId) {
        wx.redirectTo({ url: pageUrl('talksChild', { childId: query.childId }) });
        return;
      }
      own(this).query = { classId: query.classId, schoolId: query.schoolId };
      this.setData({ month: query.month ?? '' });
      this.load();
    },

    onShow() {
      if (this.data.state === 'ready') this.load({ refresh: true });
    },

    load(options: { refresh?: boolean } = {}) {
      const { classId, schoolId } = own(this).query;
      const month = this.data.month || undefined;
      return loadScreen(
        this,
        async (screen) => {
          const round = classId || schoolId ? await call('talks.month', { classId, schoolId, month }) : await call('talks.mine', { month });
          if (screen.current()) this.show(round);
        },
        options,
      );
    },

    show(round: RoundView) {
      const c = round.counts;
      const when = monthLabel(round.month, { year: 'auto' });
      this.setData({
        state: 'ready',
        round,
        month: round.month,
        title: `${round.scope.name} · ${when}谈心`,
        monthText: monthLabel(round.month),
        countsText: c.total
          ? `共 ${c.total} 名留守儿童：已谈心 ${c.done}，${round.current ? `待谈心 ${c.due}` : `逾期未谈 ${c.overdue}`}`
          : '没有需要谈心的留守儿童',
        rows: round.rows.map((r) => rowView(r, round.scope.kind === 'mine')),
      });
    },

    onRetry() {
      this.load();
    },

    onMonth(e: WechatMiniprogram.BaseEvent<Record<string, never>, { month: string }>) {
      const month = e.currentTarget.dataset.month;
      if (!month) return;
      this.setData({ month });
      this.load();
    },

    onOpenChild(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('talksChild', { childId: e.currentTarget.dataset.id }) });
    },

    onRecord(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('talkCard', { childId: e.currentTarget.dataset.id }) });
    },

    onOpenClass(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: pageUrl('talksMonth', { classId: e.currentTarget.dataset.id, month: this.data.month }) });
    },

    onSymposiums() {
      const scope = this.data.round?.scope;
      wx.navigateTo({
        url: pageUrl('symposium', scope?.classId ? { classId: scope.classId } : { schoolId: scope?.kind === 'school' ? scope.schoolId : undefined }),
      });
    },
  },
});
