/**
 * <talk-brief>: the care work on the child detail page. Staff: this month's talk, the latest talk, open individual
 * plans, this term's help plan, a plan due — tapping opens the child's talk file. Parents and guardians: the talk
 * summaries the mentor shared (家长可见的小结), nothing else of a talk. Shows nothing when there is nothing to show.
 * In the main package, as the archive's child page (another subpackage) uses it.
 */
import type { ChildTalkBrief } from '../../../typings/actions/talks';
import { pageUrl } from '../../services/routes';
import { dayLabel } from '../../services/time';
import props from './props';

const MONTH_TEXT = { done: '本月已谈心', due: '本月待谈心', overdue: '本月逾期' };
const MONTH_THEME = { done: 'success', due: 'warning', overdue: 'danger' };

Component({
  properties: props,

  data: {
    staff: false,
    monthText: '',
    monthTheme: 'warning',
    lines: [] as string[],
    planDue: '',
    family: [] as { key: string; day: string; summary: string }[],
  },

  observers: {
    brief(b: ChildTalkBrief | null) {
      const s = b?.staff;
      if (!s) {
        this.setData({
          staff: false,
          family: (b?.family ?? []).map((f, i) => ({ key: `${f.date}-${i}`, day: dayLabel(f.date, { year: 'auto' }), summary: f.summary })),
        });
        return;
      }
      const t = s.latest;
      this.setData({
        staff: true,
        monthText: s.monthStatus ? MONTH_TEXT[s.monthStatus] : '',
        monthTheme: s.monthStatus ? MONTH_THEME[s.monthStatus] : 'default',
        lines: [
          t ? `最近谈心：${dayLabel(t.date, { year: 'auto' })} · ${t.talkerName}（${t.talkerRoleLabel}）· 情绪${t.moodLabel}` : '还没有谈心记录',
          ...s.openPlans.map((p) => `个别教育管理方案进行中（${p.reasonLabels.join('、')}）${p.nextReview ? ` · 下次复查 ${dayLabel(p.nextReview)}` : ''}`),
          s.helpPlan ? `${s.helpPlan.termName}帮扶计划` : '',
        ].filter(Boolean),
        planDue: s.planDue ? `需在${dayLabel(s.planDue)}前制定个别教育管理方案` : '',
      });
    },
  },

  methods: {
    onOpen() {
      if (this.data.staff) wx.navigateTo({ url: pageUrl('talksChild', { childId: this.data.childId }) });
    },
  },
});
