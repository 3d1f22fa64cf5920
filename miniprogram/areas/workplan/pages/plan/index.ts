/**
 * 工作计划：本学期的工作安排按月列出，每项有负责人、状态（未开始/进行中/已完成）和佐证（建档率、结对率、家长会、
 * 帮扶计划总结，点开看背后的记录）。首屏一次 workPlan.get。管理员：还没有计划时从模板创建（春季学期为三月至七月的
 * 工作安排，秋季学期为九月至一月），点一项修改，添加事项，进入领导小组与责任分工、工作考评；老师：看计划和「我负责的」。
 */
import type { ResponsibilityView, WorkItemView, WorkPlanView } from '../../../../../typings/actions/workPlan';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { privacyReady } from '../../../../services/privacy';
import { loadScreen } from '../../../../services/screen';
import { pageUrl } from '../../../../services/routes';
import { beijingToday } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { name?: string }>;

type Month = NonNullable<WorkPlanView['plan']>['months'][number];

const own = instanceState(() => ({ view: null as WorkPlanView | null }));

/** A teacher's duties, one line per class: 三年级(1)班：建档、结对、谈心 */
function dutyLines(rows: ResponsibilityView[]): string[] {
  const byClass = new Map<string, string[]>();
  for (const r of rows) byClass.set(r.className, [...(byClass.get(r.className) ?? []), r.dutyLabel]);
  return [...byClass].map(([name, duties]) => `${name}：${duties.join('、')}`);
}

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    term: '',
    termName: '',
    terms: [] as { name: string; on: boolean }[],
    hasPlan: false,
    canEdit: false,
    progressText: '',
    percent: 0,
    months: [] as Month[],
    current: '',
    mineItems: [] as WorkItemView[],
    mineDuties: [] as string[],
    creating: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '', term: query.term ?? '' });
      this.load();
    },

    onShow() {
      // back from the item editor or the group page: show what was saved
      if (own(this).view) this.load({ refresh: true });
    },

    onPullDownRefresh() {
      this.load({ refresh: true }).then(() => wx.stopPullDownRefresh());
    },

    load(options: { refresh?: boolean } = {}) {
      return loadScreen(
        this,
        async (screen) => {
          await privacyReady();
          const view = await call('workPlan.get', {
            ...(this.data.schoolId ? { schoolId: this.data.schoolId } : {}),
            ...(this.data.term ? { term: this.data.term } : {}),
          });
          if (!screen.current()) return;
          own(this).view = view;
          const plan = view.plan;
          this.setData({
            state: 'ready',
            schoolId: view.schoolId,
            termName: view.term.name,
            terms: view.terms.map((t) => ({ name: t.name, on: t.name === view.term.name })),
            hasPlan: !!plan,
            canEdit: view.canEdit,
            progressText: plan ? `已完成 ${plan.done}/${plan.total} 项` : '',
            percent: plan && plan.total ? Math.round((plan.done / plan.total) * 100) : 0,
            months: plan?.months ?? [],
            current: beijingToday().slice(0, 7),
            mineItems: view.mine.items,
            mineDuties: dutyLines(view.mine.responsibilities),
          });
        },
        options,
      );
    },

    onRetry() {
      this.load();
    },

    onTerm(e: TapEvent) {
      const name = e.currentTarget.dataset.name;
      if (!name || name === this.data.termName) return;
      this.setData({ term: name });
      this.load();
    },

    async onCreate() {
      if (this.data.creating) return;
      this.setData({ creating: true });
      try {
        await call('workPlan.create', { schoolId: this.data.schoolId, term: this.data.termName });
        wx.showToast({ title: '已按模板创建', icon: 'success' });
        await this.load({ refresh: true });
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ creating: false });
      }
    },

    onOpenItem(e: WechatMiniprogram.CustomEvent<{ id: string }>) {
      this.openEditor(e.detail.id);
    },

    onAddItem() {
      this.openEditor('');
    },

    openEditor(itemId: string) {
      const planId = own(this).view?.plan?.planId;
      if (this.data.canEdit && planId)
        wx.navigateTo({ url: pageUrl('workPlanItem', { schoolId: this.data.schoolId, term: this.data.termName, planId, itemId }) });
    },

    onEvidence(e: WechatMiniprogram.CustomEvent<{ page: string }>) {
      wx.navigateTo({ url: `/${e.detail.page}` });
    },

    onGroup() {
      wx.navigateTo({ url: pageUrl('workPlanGroup', { schoolId: this.data.schoolId, term: this.data.termName }) });
    },

    onAppraisal() {
      wx.navigateTo({ url: pageUrl('workPlanAppraisal', { schoolId: this.data.schoolId, term: this.data.termName }) });
    },
  },
});
