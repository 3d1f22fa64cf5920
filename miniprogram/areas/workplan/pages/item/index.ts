/**
 * 工作计划的一项：月份（本学期的月份）、事项、负责人（领导小组或一位老师）、状态、佐证记录（比率、家长会、帮扶计划
 * 总结）。首屏一次 workPlan.get（带回可选的老师、家长会和佐证）；保存 workPlan.saveItem，删除 workPlan.removeItem。
 * 只有管理员能打开。
 */
import type { EvidenceRef, WorkItemStatus, WorkPlanView } from '../../../../../typings/actions/workPlan';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';
import { beijingToday } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type ChangeEvent = WechatMiniprogram.CustomEvent<{ value: string | string[] }>;

const GROUP = 'group';
const STATUS_OPTIONS = [
  { value: 'todo', label: '未开始' },
  { value: 'doing', label: '进行中' },
  { value: 'done', label: '已完成' },
];

const own = instanceState(() => ({ query: { schoolId: '', term: '', planId: '', itemId: '' }, refs: new Map<string, EvidenceRef>() }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    isNew: true,
    monthOptions: [] as { value: string; label: string }[],
    ownerOptions: [] as { value: string; label: string }[],
    statusOptions: STATUS_OPTIONS,
    evidenceOptions: [] as { value: string; label: string }[],
    form: { month: '', title: '', owner: GROUP, status: 'todo' as WorkItemStatus, evidence: [] as string[] },
    saving: false,
    message: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).query = { schoolId: query.schoolId ?? '', term: query.term ?? '', planId: query.planId ?? '', itemId: query.itemId ?? '' };
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const q = own(this).query;
        const view: WorkPlanView = await call('workPlan.get', { ...(q.schoolId ? { schoolId: q.schoolId } : {}), ...(q.term ? { term: q.term } : {}) });
        if (!screen.current()) return;
        if (!view.canEdit || !view.plan) {
          this.setData({ state: 'forbidden' });
          return;
        }
        own(this).refs = new Map(view.evidenceOptions.map((o) => [o.key, o.ref]));
        const item = view.plan.months.flatMap((m) => m.items).find((i) => i.id === q.itemId);
        const months = view.plan.months;
        wx.setNavigationBarTitle({ title: item ? '修改事项' : '添加事项' });
        this.setData({
          state: 'ready',
          isNew: !item,
          monthOptions: months.map((m) => ({ value: m.month, label: m.label.replace(/^\d+年/, '') })),
          ownerOptions: [{ value: GROUP, label: '领导小组' }, ...view.staff.map((s) => ({ value: s.bindingId, label: s.name }))],
          evidenceOptions: view.evidenceOptions.map((o) => ({ value: o.key, label: o.label })),
          form: item
            ? {
                month: item.month,
                title: item.title,
                owner: item.owner.bindingId ?? GROUP,
                status: item.status,
                evidence: item.evidence
                  .map((e) => view.evidenceOptions.find((o) => JSON.stringify(o.ref) === JSON.stringify(e.ref))?.key ?? '')
                  .filter(Boolean),
              }
            : {
                month: months.find((m) => m.month === beijingToday().slice(0, 7))?.month ?? months[0].month,
                title: '',
                owner: GROUP,
                status: 'todo',
                evidence: [],
              },
        });
      });
    },

    onRetry() {
      this.load();
    },

    onField(e: ChangeEvent & { currentTarget: { dataset: { field?: string } } }) {
      const field = e.currentTarget.dataset.field;
      if (field) this.setData({ [`form.${field}`]: e.detail.value, message: '' });
    },

    async onSave() {
      if (this.data.saving) return;
      const { form } = this.data;
      const q = own(this).query;
      this.setData({ saving: true, message: '' });
      try {
        await call('workPlan.saveItem', {
          planId: q.planId,
          ...(q.itemId ? { itemId: q.itemId } : {}),
          month: form.month,
          title: form.title,
          owner: form.owner === GROUP ? { kind: 'group' } : { kind: 'teacher', bindingId: form.owner },
          status: form.status,
          evidence: form.evidence.map((key) => own(this).refs.get(key)!).filter(Boolean),
        });
        wx.showToast({ title: '已保存', icon: 'success' });
        wx.navigateBack();
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      } finally {
        this.setData({ saving: false });
      }
    },

    onRemove() {
      const q = own(this).query;
      wx.showModal({
        title: '删除这一项？',
        content: '删除后本学期计划里不再有这一项。',
        confirmText: '删除',
        success: async (res) => {
          if (!res.confirm) return;
          try {
            await call('workPlan.removeItem', { planId: q.planId, itemId: q.itemId });
            wx.showToast({ title: '已删除', icon: 'success' });
            wx.navigateBack();
          } catch (err) {
            this.setData({ message: errorMessage(err) });
          }
        },
      });
    },
  },
});
