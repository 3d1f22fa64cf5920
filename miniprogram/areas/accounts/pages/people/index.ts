/**
 * 人员与邀请：管理员看全校、班主任看本班已绑定身份的人（按身份分组）和发出的邀请。
 *   - 邀请：选身份和范围（班级、社区、孩子），生成邀请码；邀请码只显示这一次，可复制。
 *   - 撤销未使用的邀请；移除某人的身份（先确认）。
 * 首屏：whoami 确定以哪个身份管理（当前身份优先），然后 people.list 与 invites.list 一起发出。
 * 表单里的班级、社区名单在打开表单时才加载；孩子名单在选了班级后加载（archive.roster）。
 */
import type { Role } from '../../../../../typings/roles';
import type { BindingView } from '../../../../../typings/actions/system';
import type { CreatedInvite, InviteStatus, InviteView, PersonView } from '../../../../../typings/actions/accounts';
import type { ActionInput } from '../../../../../typings/actions';
import { call, CallError, errorMessage } from '../../../../services/api';
import { maskOpenid } from '../../../../services/format';
import { privacyReady } from '../../../../services/privacy';
import { ROLE_ORDER, roleLabel } from '../../../../services/roles';
import { bindingFor } from '../../../../services/session';
import { instanceState } from '../../../../services/instance';
import { loadScreen, type Screen } from '../../../../services/screen';
import { MAY_INVITE } from '../../../../generated/invites';
import { pageUrl } from '../../../../services/routes';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type Viewer = 'admin' | 'teacher';

/** The order the form offers roles in: staff first, then families. */
const INVITE_ORDER: readonly Role[] = ['teacher', 'community', 'admin', 'parent', 'guardian', 'student'];

/** Who each manager may invite (the server's MAY_INVITE), in the form's order. */
const INVITABLE: Record<Viewer, Role[]> = {
  admin: INVITE_ORDER.filter((r) => MAY_INVITE.admin.includes(r)),
  teacher: INVITE_ORDER.filter((r) => MAY_INVITE.teacher.includes(r)),
};

const STATUS: Record<InviteStatus, { label: string; theme: string }> = {
  active: { label: '待使用', theme: 'primary' },
  used: { label: '已使用', theme: 'success' },
  expired: { label: '已过期', theme: 'default' },
  revoked: { label: '已撤销', theme: 'warning' },
};

const NO_CLASS = 'none';

interface Option {
  label: string;
  value: string;
  content?: string;
}

interface PersonRow {
  bindingId: string;
  openid: string;
  name: string;
  label: string;
  since: string;
  canRevoke: boolean;
}

interface Group {
  role: Role;
  title: string;
  people: PersonRow[];
}

interface InviteRow {
  id: string;
  status: InviteStatus;
  statusLabel: string;
  statusTheme: string;
  roleLabel: string;
  label: string;
  when: string;
  canRevoke: boolean;
}

interface InviteForm {
  role: Role | '';
  classId: string;
  communityId: string;
  childId: string;
  relation: string;
  title: 'head' | 'subject';
  label: string;
}

interface FieldFlags {
  classPick: boolean;
  classOptional: boolean;
  title: boolean;
  community: boolean;
  child: boolean;
  childOptional: boolean;
  relation: boolean;
  label: boolean;
}

interface Confirm {
  visible: boolean;
  busy: boolean;
  kind: 'person' | 'invite' | '';
  id: string;
  title: string;
  content: string;
  action: string;
}

const EMPTY_FORM: InviteForm = { role: '', classId: '', communityId: '', childId: '', relation: '', title: 'subject', label: '' };
const CLOSED: Confirm = { visible: false, busy: false, kind: '', id: '', title: '', content: '', action: '' };

function flags(role: Role | ''): FieldFlags {
  return {
    classPick: role === 'teacher' || role === 'parent' || role === 'guardian' || role === 'student',
    classOptional: role === 'teacher',
    title: role === 'teacher',
    community: role === 'community',
    child: role === 'parent' || role === 'guardian' || role === 'student',
    childOptional: role === 'student',
    relation: role === 'parent' || role === 'guardian',
    label: role === 'teacher' || role === 'admin' || role === 'community' || role === 'student',
  };
}

function groups(people: PersonView[], viewer: Viewer, me: string): Group[] {
  return ROLE_ORDER.map((role) => ({
    role,
    title: roleLabel(role),
    people: people
      .filter((p) => p.role === role)
      .map((p) => ({
        bindingId: p.bindingId,
        openid: p.openid,
        name: p.nickname || maskOpenid(p.openid),
        label: p.label || roleLabel(p.role),
        since: beijingDateTime(p.since),
        canRevoke: p.openid !== me && INVITABLE[viewer].includes(p.role),
      })),
  })).filter((g) => g.people.length > 0);
}

function inviteRows(invites: InviteView[], viewer: Viewer): InviteRow[] {
  return invites.map((i) => ({
    id: i.id,
    status: i.status,
    statusLabel: STATUS[i.status]?.label ?? i.status,
    statusTheme: STATUS[i.status]?.theme ?? 'default',
    roleLabel: roleLabel(i.role),
    label: i.label,
    when: i.status === 'active' ? `${beijingDateTime(i.expiresAt)} 前有效` : `${beijingDateTime(i.createdAt)} 发出`,
    canRevoke: i.status === 'active' && INVITABLE[viewer].includes(i.role),
  }));
}

/** The children lists already fetched, by class. */
const own = instanceState(() => ({ rosters: new Map<string, Option[]>() }));

type Change = WechatMiniprogram.CustomEvent<{ value: string }>;
type Tap = WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id?: string; openid?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    viewer: 'admin' as Viewer,
    me: '',
    schoolId: '',
    classId: '',
    scopeTitle: '',
    classTabs: [] as Option[],
    groups: [] as Group[],
    total: 0,
    people: [] as PersonView[],
    invites: [] as InviteRow[],
    notice: '',
    noticeError: false,

    formOpen: false,
    form: { ...EMPTY_FORM } as InviteForm,
    show: flags(''),
    roleOptions: [] as Option[],
    titleOptions: [
      { label: '任课教师', value: 'subject' },
      { label: '班主任', value: 'head' },
    ] as Option[],
    classOptions: [] as Option[],
    teacherClassOptions: [] as Option[],
    communityOptions: [] as Option[],
    optionsLoaded: false,
    optionsLoading: false,
    childOptions: [] as Option[],
    childrenLoading: false,
    childrenError: '',
    formError: '',
    fieldErrors: {} as Record<string, string>,
    submitting: false,
    created: null as null | { code: string; roleLabel: string; label: string; expires: string },

    confirm: { ...CLOSED } as Confirm,
  },

  methods: {
    onLoad() {
      this.load();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const me = await call('whoami', {});
        if (!screen.current()) return;
        const binding = bindingFor(me.bindings, ['admin', 'teacher']);
        if (!binding || !binding.schoolId) {
          this.setData({ state: 'forbidden' });
          return;
        }
        const viewer = binding.role as Viewer;
        const tabs = viewer === 'teacher' ? classTabs(me.bindings) : [];
        const classId = viewer === 'teacher' ? (this.data.classId && tabs.some((t) => t.value === this.data.classId) ? this.data.classId : (binding.classId ?? '')) : '';
        this.setData({
          viewer,
          me: me.openid,
          schoolId: binding.schoolId,
          classId,
          classTabs: tabs,
          roleOptions: INVITABLE[viewer].map((r) => ({ label: roleLabel(r), value: r })),
          scopeTitle: viewer === 'admin' ? `${binding.label || '本校'} · 人员与邀请` : `${tabs.find((t) => t.value === classId)?.label ?? binding.label} · 人员与邀请`,
        });
        await this.loadLists(screen);
      });
    },

    /** people.list and invites.list of the current scope, together. */
    async loadLists(screen: Screen) {
      const scope = this.scope();
      const [people, invites] = await Promise.all([call('people.list', scope), call('invites.list', scope)]);
      if (!screen.current()) return;
      const viewer = this.data.viewer;
      const grouped = groups(people.people, viewer, this.data.me);
      this.setData({
        state: 'ready',
        people: people.people,
        groups: grouped,
        total: new Set(people.people.map((p) => p.openid)).size,
        invites: inviteRows(invites.invites, viewer),
      });
    },

    scope(): ActionInput<'people.list'> {
      return this.data.viewer === 'admin' ? { schoolId: this.data.schoolId } : { classId: this.data.classId };
    },

    async reloadInvites() {
      try {
        const res = await call('invites.list', this.scope());
        this.setData({ invites: inviteRows(res.invites, this.data.viewer) });
      } catch (err) {
        this.say(errorMessage(err), true);
      }
    },

    onRetry() {
      this.load();
    },

    onClassTab(e: Change) {
      const classId = e.detail.value;
      if (!classId || classId === this.data.classId) return;
      this.setData({ classId, formOpen: false, created: null, notice: '' });
      this.load();
    },

    say(notice: string, error = false) {
      this.setData({ notice, noticeError: error });
    },

    // ---- invite form ----

    async onOpenInvite() {
      this.setData({ formOpen: true, created: null, notice: '', formError: '', fieldErrors: {}, form: { ...EMPTY_FORM, classId: this.data.viewer === 'teacher' ? this.data.classId : '' }, show: flags(''), childOptions: [] });
      if (this.data.optionsLoaded) return;
      this.setData({ optionsLoading: true });
      try {
        const schoolId = this.data.schoolId;
        const [classes, communities] = await Promise.all([
          call('classes.list', { schoolId }),
          this.data.viewer === 'admin' ? call('communities.list', { schoolId }) : Promise.resolve({ communities: [] }),
        ]);
        const open = classes.classes.filter((c) => !c.archived);
        const classOptions = open.map((c) => ({ label: c.name, value: c.id }));
        this.setData({
          optionsLoaded: true,
          classOptions,
          teacherClassOptions: [{ label: '不指定班级', value: NO_CLASS }, ...classOptions],
          communityOptions: communities.communities.map((c) => ({ label: c.name, value: c.id })),
        });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ optionsLoading: false });
      }
    },

    onCloseInvite() {
      this.setData({ formOpen: false, formError: '', fieldErrors: {} });
    },

    onRoleChange(e: Change) {
      const role = e.detail.value as Role;
      const show = flags(role);
      const form: InviteForm = { ...this.data.form, role, childId: '', communityId: '' };
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

    /** The class's children for the picker (the roster; the server records this read in the audit log). */
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

    onChildChange(e: Change) {
      this.setData({ 'form.childId': e.detail.value, 'fieldErrors.childId': '' });
    },

    onRelationInput(e: Change) {
      this.setData({ 'form.relation': String(e.detail.value ?? ''), 'fieldErrors.relation': '' });
    },

    onLabelInput(e: Change) {
      this.setData({ 'form.label': String(e.detail.value ?? ''), 'fieldErrors.label': '' });
    },

    /** The invites.create input for the form, or the fields to fix. */
    inviteInput(): { input: ActionInput<'invites.create'> } | { errors: Record<string, string> } {
      const f = this.data.form;
      const label = f.label.trim() || undefined;
      const classId = f.classId && f.classId !== NO_CLASS ? f.classId : '';
      switch (f.role) {
        case 'teacher':
          return { input: { role: 'teacher', schoolId: this.data.schoolId, ...(classId ? { classId, title: f.title } : {}), ...(label ? { label } : {}) } };
        case 'admin':
          return { input: { role: 'admin', schoolId: this.data.schoolId, ...(label ? { label } : {}) } };
        case 'community':
          return f.communityId ? { input: { role: 'community', communityId: f.communityId, ...(label ? { label } : {}) } } : { errors: { communityId: '请选择社区' } };
        case 'parent':
        case 'guardian': {
          const errors: Record<string, string> = {};
          if (!classId) errors.classId = '请选择班级';
          if (!f.childId) errors.childId = '请选择孩子';
          if (!f.relation.trim()) errors.relation = '请填写与孩子的关系，如：爸爸';
          if (Object.keys(errors).length) return { errors };
          return { input: { role: f.role, childId: f.childId, relation: f.relation.trim() } };
        }
        case 'student':
          if (!classId) return { errors: { classId: '请选择班级' } };
          return { input: { role: 'student', classId, ...(f.childId ? { childId: f.childId } : {}), ...(label ? { label } : {}) } };
        default:
          return { errors: { role: '请选择要邀请的身份' } };
      }
    },

    async onCreateInvite() {
      if (this.data.submitting) return;
      const built = this.inviteInput();
      if ('errors' in built) {
        this.setData({ fieldErrors: built.errors, formError: Object.values(built.errors)[0] });
        return;
      }
      this.setData({ submitting: true, formError: '', fieldErrors: {} });
      try {
        const invite: CreatedInvite = await call('invites.create', built.input);
        this.setData({
          formOpen: false,
          created: { code: invite.code, roleLabel: roleLabel(invite.role), label: invite.label, expires: beijingDateTime(invite.expiresAt) },
        });
        this.reloadInvites();
      } catch (err) {
        const fieldErrors: Record<string, string> = {};
        if (err instanceof CallError) for (const d of err.details ?? []) if (d.path) fieldErrors[d.path.split('.')[0]] = d.message;
        this.setData({ formError: errorMessage(err), fieldErrors });
      } finally {
        this.setData({ submitting: false });
      }
    },

    onCopy() {
      const created = this.data.created;
      if (!created) return;
      wx.setClipboardData({ data: created.code, success: () => this.say('邀请码已复制，请发给对方') });
    },

    /** The code is gone for good once this card closes: only its hash is stored. */
    onCreatedDone() {
      this.setData({ created: null });
    },

    // ---- revoke, after a confirm dialog ----

    onAskRevokePerson(e: Tap) {
      const id = e.currentTarget.dataset.id;
      const person = this.data.people.find((p) => p.bindingId === id);
      if (!person || !id) return;
      const name = person.nickname || maskOpenid(person.openid);
      this.setData({
        confirm: {
          visible: true,
          busy: false,
          kind: 'person',
          id,
          title: '移除身份',
          content: `确定移除“${name}”的${roleLabel(person.role)}身份（${person.label}）吗？移除后对方不能再以这个身份使用关爱室。`,
          action: '确认移除',
        },
      });
    },

    onAskRevokeInvite(e: Tap) {
      const id = e.currentTarget.dataset.id;
      const invite = this.data.invites.find((i) => i.id === id);
      if (!invite || !id) return;
      this.setData({
        confirm: { visible: true, busy: false, kind: 'invite', id, title: '撤销邀请', content: `确定撤销“${invite.label}”的邀请码吗？撤销后该邀请码不能再使用。`, action: '确认撤销' },
      });
    },

    onConfirmCancel() {
      if (this.data.confirm.busy) return;
      this.setData({ confirm: { ...CLOSED } });
    },

    async onConfirmOk() {
      const { kind, id, busy } = this.data.confirm;
      if (busy || !kind) return;
      this.setData({ 'confirm.busy': true });
      try {
        if (kind === 'person') {
          await call('people.revoke', { bindingId: id });
          const people = this.data.people.filter((p) => p.bindingId !== id);
          const removed = this.data.people.find((p) => p.bindingId === id);
          this.setData({ people, groups: groups(people, this.data.viewer, this.data.me), total: new Set(people.map((p) => p.openid)).size });
          this.say(`已移除：${removed?.label ?? ''}`);
        } else {
          await call('invites.revoke', { inviteId: id });
          this.say('邀请已撤销');
          await this.reloadInvites();
        }
      } catch (err) {
        this.say(errorMessage(err), true);
      } finally {
        this.setData({ confirm: { ...CLOSED } });
      }
    },

    onPersonAudit(e: Tap) {
      const openid = e.currentTarget.dataset.openid;
      if (openid) wx.navigateTo({ url: pageUrl('audit', { openid }) });
    },
  },
});

/** A teacher's classes (one tab each), from their teacher bindings. */
function classTabs(bindings: BindingView[]): Option[] {
  const seen = new Set<string>();
  const tabs: Option[] = [];
  for (const b of bindings) {
    if (b.role !== 'teacher' || !b.classId || seen.has(b.classId)) continue;
    seen.add(b.classId);
    tabs.push({ label: b.label || b.classId, value: b.classId });
  }
  return tabs;
}
