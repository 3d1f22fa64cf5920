/**
 * <invite-form>: a new invite. Pick the role, then its scope (class, community, child), the relation or a note; the
 * classes and communities load when the form opens, a class's children when it is picked (archive.roster, which the
 * server records in the audit log). Emits `created` { invite } with the new code, or `cancel`.
 *
 *   <invite-form class="invite-form" viewer="admin" school-id="{{schoolId}}" class-id="" bind:created="onCreated" bind:cancel="onCloseInvite" />
 */
import type { Role } from '../../../../../typings/roles';
import type { ActionInput } from '../../../../../typings/actions';
import { call, CallError, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { roleLabel } from '../../../../services/roles';
import { INVITABLE, type Option, type Viewer } from '../../services/people';
import props from './props';

interface Form {
  role: Role | '';
  classId: string;
  communityId: string;
  townshipId: string;
  childId: string;
  relation: string;
  title: 'head' | 'subject';
  label: string;
}

/** Which fields the picked role needs. */
function fieldsFor(role: Role | '') {
  return {
    classPick: role === 'teacher' || role === 'parent' || role === 'guardian' || role === 'student',
    classOptional: role === 'teacher',
    title: role === 'teacher',
    community: role === 'community',
    township: role === 'township',
    child: role === 'parent' || role === 'guardian' || role === 'student',
    childOptional: role === 'student',
    relation: role === 'parent' || role === 'guardian',
    label: role === 'teacher' || role === 'admin' || role === 'community' || role === 'township' || role === 'student',
  };
}

/** The teacher's "no class" choice. */
const NO_CLASS = 'none';
const EMPTY: Form = { role: '', classId: '', communityId: '', townshipId: '', childId: '', relation: '', title: 'subject', label: '' };

/** The invites.create input for the form, or the fields to fix. */
function inviteInput(f: Form, schoolId: string): { input: ActionInput<'invites.create'> } | { errors: Record<string, string> } {
  const label = f.label.trim() || undefined;
  const classId = f.classId && f.classId !== NO_CLASS ? f.classId : '';
  switch (f.role) {
    case 'teacher':
      return { input: { role: 'teacher', schoolId, ...(classId ? { classId, title: f.title } : {}), ...(label ? { label } : {}) } };
    case 'admin':
      return { input: { role: 'admin', schoolId, ...(label ? { label } : {}) } };
    case 'community':
      return f.communityId
        ? { input: { role: 'community', communityId: f.communityId, ...(label ? { label } : {}) } }
        : { errors: { communityId: '请选择社区' } };
    case 'township':
      return f.townshipId
        ? { input: { role: 'township', townshipId: f.townshipId, ...(label ? { label } : {}) } }
        : { errors: { townshipId: '请选择乡镇（街道）' } };
    case 'parent':
    case 'guardian': {
      const errors: Record<string, string> = {};
      if (!classId) errors.classId = '请选择班级';
      if (!f.childId) errors.childId = '请选择孩子';
      if (!f.relation.trim()) errors.relation = '请填写与孩子的关系，如：爸爸';
      return Object.keys(errors).length ? { errors } : { input: { role: f.role, childId: f.childId, relation: f.relation.trim() } };
    }
    case 'student':
      if (!classId) return { errors: { classId: '请选择班级' } };
      return { input: { role: 'student', classId, ...(f.childId ? { childId: f.childId } : {}), ...(label ? { label } : {}) } };
    default:
      return { errors: { role: '请选择要邀请的身份' } };
  }
}

/** The children lists already fetched, by class. */
const own = instanceState(() => ({ rosters: new Map<string, Option[]>() }));

type Change = WechatMiniprogram.CustomEvent<{ value: string }>;

Component({
  properties: props,

  data: {
    form: { ...EMPTY } as Form,
    show: fieldsFor(''),
    roleOptions: [] as Option[],
    titleOptions: [
      { label: '任课教师', value: 'subject' },
      { label: '班主任', value: 'head' },
    ] as Option[],
    classOptions: [] as Option[],
    teacherClassOptions: [] as Option[],
    communityOptions: [] as Option[],
    townshipOptions: [] as Option[],
    optionsLoading: false,
    childOptions: [] as Option[],
    childrenLoading: false,
    childrenError: '',
    formError: '',
    fieldErrors: {} as Record<string, string>,
    submitting: false,
  },

  lifetimes: {
    attached() {
      const viewer = this.data.viewer as Viewer;
      this.setData({
        roleOptions: INVITABLE[viewer].map((r) => ({ label: roleLabel(r), value: r })),
        form: { ...EMPTY, classId: viewer === 'teacher' ? this.data.classId : '' },
      });
      this.loadOptions();
    },
  },

  methods: {
    /** The school's open classes, and for an admin its communities and townships. */
    async loadOptions() {
      this.setData({ optionsLoading: true });
      try {
        const schoolId = this.data.schoolId;
        const [classes, communities] = await Promise.all([
          call('classes.list', { schoolId }),
          this.data.viewer === 'admin' ? call('community.setup', { schoolId }) : Promise.resolve({ communities: [], townships: [] }),
        ]);
        const classOptions = classes.classes.filter((c) => !c.archived).map((c) => ({ label: c.name, value: c.id }));
        this.setData({
          classOptions,
          teacherClassOptions: [{ label: '不指定班级', value: NO_CLASS }, ...classOptions],
          communityOptions: communities.communities.map((c) => ({ label: c.name, value: c.id })),
          townshipOptions: communities.townships.map((t) => ({ label: t.name, value: t.id })),
        });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ optionsLoading: false });
      }
    },

    onRoleChange(e: Change) {
      const role = e.detail.value as Role;
      const show = fieldsFor(role);
      const form: Form = { ...this.data.form, role, childId: '', communityId: '', townshipId: '' };
      if (role === 'teacher') form.classId = NO_CLASS;
      else if (show.classPick && (form.classId === NO_CLASS || !form.classId)) form.classId = this.data.viewer === 'teacher' ? this.data.classId : '';
      this.setData({ form, show, formError: '', fieldErrors: {} });
      if (show.child && form.classId && form.classId !== NO_CLASS) this.loadChildren(form.classId);
      else this.setData({ childOptions: [] });
    },

    onClassChange(e: Change) {
      const classId = e.detail.value;
      this.setData({ 'form.classId': classId, 'form.childId': '', 'fieldErrors.classId': '' });
      if (this.data.show.child && classId && classId !== NO_CLASS) this.loadChildren(classId);
    },

    /** The class's children for the picker. */
    async loadChildren(classId: string) {
      const cache = own(this).rosters;
      const known = cache.get(classId);
      if (known) {
        this.setData({ childOptions: known, childrenError: '', childrenLoading: false });
        return;
      }
      this.setData({ childrenLoading: true, childrenError: '', childOptions: [] });
      try {
        const roster = await call('archive.roster', { classId });
        const options = roster.rows.map((r) => ({ label: r.name, value: r.id }));
        cache.set(classId, options);
        if (this.data.form.classId === classId) this.setData({ childOptions: options });
      } catch (err) {
        if (this.data.form.classId === classId) this.setData({ childrenError: errorMessage(err) });
      } finally {
        this.setData({ childrenLoading: false });
      }
    },

    onTitleChange(e: Change) {
      this.setData({ 'form.title': e.detail.value === 'head' ? 'head' : 'subject' });
    },

    onCommunityChange(e: Change) {
      this.setData({ 'form.communityId': e.detail.value, 'fieldErrors.communityId': '' });
    },

    onTownshipChange(e: Change) {
      this.setData({ 'form.townshipId': e.detail.value, 'fieldErrors.townshipId': '' });
    },

    onChildChange(e: Change) {
      this.setData({ 'form.childId': e.detail.value, 'fieldErrors.childId': '' });
    },

    onRelationInput(e: Change) {
      this.setData({ 'form.relation': String(e.detail.value ?? ''), 'fieldErrors.relation': '' });
    },

    onLabelInput(e: Change) {
      this.setData({ 'form.label': String(e.detail.value ?? ''), 'fieldErrors.label': '' });
    },

    async onSubmit() {
      if (this.data.submitting) return;
      const built = inviteInput(this.data.form, this.data.schoolId);
      if ('errors' in built) {
        this.setData({ fieldErrors: built.errors, formError: Object.values(built.errors)[0] });
        return;
      }
      this.setData({ submitting: true, formError: '', fieldErrors: {} });
      try {
        const invite = await call('invites.create', built.input);
        this.triggerEvent('created', { invite });
      } catch (err) {
        const fieldErrors: Record<string, string> = {};
        if (err instanceof CallError) for (const d of err.details ?? []) if (d.path) fieldErrors[d.path.split('.')[0]] = d.message;
        this.setData({ formError: errorMessage(err), fieldErrors });
      } finally {
        this.setData({ submitting: false });
      }
    },

    onCancel() {
      this.triggerEvent('cancel');
    },
  },
});
