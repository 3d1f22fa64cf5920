/**
 * 领导小组与责任分工（目标责任制）：领导小组的组长、副组长、成员及各自职责；每个班的建档、结对、亲情视频、谈心、
 * 家长会由哪位老师负责（没有指定时由班主任负责）。首屏一次 workPlan.get。管理员增删成员、为每项工作选老师，
 * 一次 workPlan.saveGroup 保存；老师看领导小组和自己负责的工作。
 */
import type { GroupRole, ResponsibilityView, WorkPlanView } from '../../../../../typings/actions/workPlan';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { loadScreen } from '../../../../services/screen';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type TapEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { index?: number; key?: string }>;
type PickEvent = WechatMiniprogram.CustomEvent<{ value: string | number }, WechatMiniprogram.IAnyObject, { key?: string }>;

const ROLE_OPTIONS = [
  { value: 'leader', label: '组长' },
  { value: 'deputy', label: '副组长' },
  { value: 'member', label: '成员' },
];
const ROLE_LABEL: Record<string, string> = { leader: '组长', deputy: '副组长', member: '成员' };

interface Member {
  bindingId: string;
  name: string;
  role: GroupRole;
  roleLabel: string;
  duties: string;
}

interface DutyRow {
  key: string;
  classId: string;
  duty: ResponsibilityView['duty'];
  dutyLabel: string;
  name: string;
  /** the teacher chosen here (saved as the class's holder); '' keeps the class teacher */
  bindingId: string;
}

const own = instanceState(() => ({ query: { schoolId: '', term: '' }, planId: '' }));

const dutyRows = (rows: ResponsibilityView[]): DutyRow[] =>
  rows.map((r) => ({
    key: `${r.classId}|${r.duty}`,
    classId: r.classId,
    duty: r.duty,
    dutyLabel: r.dutyLabel,
    name: r.name,
    bindingId: r.byDefault ? '' : (r.bindingId ?? ''),
  }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    canEdit: false,
    hasPlan: false,
    members: [] as Member[],
    classes: [] as { classId: string; name: string; duties: DutyRow[] }[],
    mine: [] as string[],
    staff: [] as { bindingId: string; name: string }[],
    staffNames: [] as string[],
    roleOptions: ROLE_OPTIONS,
    draft: { index: -1, role: 'member' as GroupRole, duties: '' },
    saving: false,
    message: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      own(this).query = { schoolId: query.schoolId ?? '', term: query.term ?? '' };
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        const q = own(this).query;
        const view: WorkPlanView = await call('workPlan.get', { ...(q.schoolId ? { schoolId: q.schoolId } : {}), ...(q.term ? { term: q.term } : {}) });
        if (!screen.current()) return;
        const plan = view.plan;
        own(this).planId = plan?.planId ?? '';
        const rows = dutyRows(plan?.responsibilities ?? []);
        this.setData({
          state: 'ready',
          canEdit: view.canEdit,
          hasPlan: !!plan,
          members: plan?.group ?? [],
          classes: view.classes.map((c) => ({ ...c, duties: rows.filter((r) => r.classId === c.classId) })),
          mine: view.mine.responsibilities.map((r) => `${r.className} · ${r.dutyLabel}`),
          staff: view.staff,
          staffNames: view.staff.map((s) => s.name),
        });
      });
    },

    onRetry() {
      this.load();
    },

    onPickPerson(e: PickEvent) {
      this.setData({ 'draft.index': Number(e.detail.value) });
    },

    onDraftRole(e: WechatMiniprogram.CustomEvent<{ value: GroupRole }>) {
      this.setData({ 'draft.role': e.detail.value });
    },

    onDraftDuties(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'draft.duties': e.detail.value });
    },

    onAddMember() {
      const { draft, staff, members } = this.data;
      const person = staff[draft.index];
      if (!person) return this.setData({ message: '请先选择一位老师' });
      const member: Member = { bindingId: person.bindingId, name: person.name, role: draft.role, roleLabel: ROLE_LABEL[draft.role], duties: draft.duties };
      this.setData({
        members: [...members.filter((m) => m.bindingId !== person.bindingId), member],
        draft: { index: -1, role: 'member', duties: '' },
        message: '',
      });
    },

    onRemoveMember(e: TapEvent) {
      const index = e.currentTarget.dataset.index;
      this.setData({ members: this.data.members.filter((_, i) => i !== index) });
    },

    onPickHolder(e: PickEvent) {
      const key = e.currentTarget.dataset.key;
      const person = this.data.staff[Number(e.detail.value)];
      if (!key || !person) return;
      this.setData({
        classes: this.data.classes.map((c) => ({
          ...c,
          duties: c.duties.map((d) => (d.key === key ? { ...d, bindingId: person.bindingId, name: person.name } : d)),
        })),
      });
    },

    async onSave() {
      if (this.data.saving) return;
      this.setData({ saving: true, message: '' });
      try {
        await call('workPlan.saveGroup', {
          planId: own(this).planId,
          members: this.data.members.map((m) => ({ bindingId: m.bindingId, role: m.role, duties: m.duties })),
          responsibilities: this.data.classes.flatMap((c) =>
            c.duties.filter((d) => d.bindingId).map((d) => ({ classId: d.classId, duty: d.duty, bindingId: d.bindingId })),
          ),
        });
        wx.showToast({ title: '已保存', icon: 'success' });
        await this.load();
      } catch (err) {
        this.setData({ message: errorMessage(err) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
