/**
 * 生日与贺卡（老师）：本班本周、本月过生日的孩子（农历生日写明农历），谁会收到提醒（提醒同学 / 家长关闭了同学
 * 提醒、只提醒老师 / 未取得监护人同意、不提醒），收到和待审的贺卡；去审核贺卡与作品、去爱心天地、导出手拉手
 * 好朋友结对子登记卡。首屏一次 birthdays.list 调用（班主任的班，或 ?classId=）。
 */
import type { BirthdayListOutput, TeacherBirthdayRow } from '../../../../../typings/actions/birthdays';
import { call, errorMessage } from '../../../../services/api';
import { loadScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { pageUrl } from '../../../../services/routes';
import { openExport } from '../../../../services/exports';
import { dayRangeLabel, monthLabel } from '../../../../services/time';
import { dateWithWeekday, relativeDay } from '../../services/days';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Tab = 'week' | 'month';

const AUDIENCE: Record<TeacherBirthdayRow['audience'], { label: string; theme: string }> = {
  everyone: { label: '提醒同学和好朋友', theme: 'success' },
  teacher: { label: '家长关闭了同学提醒', theme: 'warning' },
  nobody: { label: '未取得监护人同意，不提醒', theme: 'default' },
};

const own = instanceState(() => ({ answer: null as BirthdayListOutput | null, classId: '' }));

function rows(answer: BirthdayListOutput, tab: Tab) {
  return answer.rows
    .filter((r) => (tab === 'week' ? r.inWeek : r.inMonth))
    .map((r) => ({
      key: `${r.childId}-${r.date}`,
      childId: r.childId,
      name: r.name,
      day: `${dateWithWeekday(r.date)}${r.lunar ? ` · ${r.lunar}` : ''}`,
      when: r.daysUntil >= 0 ? relativeDay(r.daysUntil) : '已过',
      past: r.daysUntil < 0,
      audience: AUDIENCE[r.audience].label,
      theme: AUDIENCE[r.audience].theme,
      cards: `贺卡 ${r.cards.approved} 张${r.cards.pending ? `，待审 ${r.cards.pending} 张` : ''}`,
    }));
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    className: '',
    tab: 'week' as Tab,
    tabs: [] as { key: Tab; label: string }[],
    rows: [] as ReturnType<typeof rows>,
    waiting: 0,
    pairs: 0,
    approvalRequired: false,
    exporting: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).classId = query.classId ?? '';
      this.load();
    },

    onShow() {
      if (this.data.state === 'ready') this.load(true);
    },

    load(refresh = false) {
      return loadScreen(
        this,
        async (screen) => {
          const answer = await call('birthdays.list', own(this).classId ? { classId: own(this).classId } : {});
          if (!screen.current()) return;
          own(this).answer = answer;
          own(this).classId = answer.classId;
          this.setData({
            state: 'ready',
            className: answer.className,
            tabs: [
              { key: 'week', label: `本周 ${dayRangeLabel(answer.week.from, answer.week.to)}` },
              { key: 'month', label: `本月 ${monthLabel(answer.month, { year: 'auto' })}` },
            ],
            rows: rows(answer, this.data.tab),
            waiting: answer.waiting,
            pairs: answer.pairs,
            approvalRequired: answer.approvalRequired,
          });
        },
        { refresh },
      );
    },

    onRetry() {
      this.load();
    },

    onTab(e: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: Tab }>) {
      const tab = e.currentTarget.dataset.tab;
      this.setData({ tab, rows: rows(own(this).answer!, tab) });
    },

    onChild(e: WechatMiniprogram.BaseEvent<Record<string, never>, { childId: string }>) {
      wx.navigateTo({ url: pageUrl('wall', { childId: e.currentTarget.dataset.childId }) });
    },

    onQueue() {
      wx.navigateTo({ url: pageUrl('moderation', { classId: own(this).classId }) });
    },

    onCorner() {
      wx.navigateTo({ url: pageUrl('corner', { classId: own(this).classId }) });
    },

    async onExport() {
      if (this.data.exporting) return;
      this.setData({ exporting: true });
      try {
        const file = await openExport(await call('buddies.export', { classId: own(this).classId }));
        wx.showToast({ title: `已导出 ${file.rows} 对结对`, icon: 'none' });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ exporting: false });
      }
    },
  },
});
