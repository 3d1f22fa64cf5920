/**
 * 人员与邀请：管理员看全校、班主任看本班已绑定身份的人（按身份分组）和发出的邀请。
 *   - 邀请（<invite-form>）：选身份和范围（班级、社区、孩子），生成邀请码；邀请码只显示这一次，可复制。
 *   - 撤销未使用的邀请（<invite-list>）；移除某人的身份（<people-groups>），都先在 <confirm-dialog> 里确认。
 * 首屏：whoami 确定以哪个身份管理（当前身份优先），然后 people.list（第一页）与 invites.list 一起发出；
 * 一所学校有几千个家庭，人员一页一页地来：滚到底部（或点“加载更多”）再取下一页。
 */
import type { CreatedInvite, PersonView } from '../../../../../typings/actions/accounts';
import type { ActionInput } from '../../../../../typings/actions';
import { call, errorMessage } from '../../../../services/api';
import { privacyReady } from '../../../../services/privacy';
import { roleLabel } from '../../../../services/roles';
import { pageUrl } from '../../../../services/routes';
import { loadScreen, type Screen } from '../../../../services/screen';
import { bindingFor } from '../../../../services/session';
import { beijingDateTime } from '../../../../services/time';
import { classTabs, groups, inviteRows, personName, type Group, type InviteRow, type Option, type Viewer } from '../../services/people';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

interface Confirm {
  visible: boolean;
  busy: boolean;
  kind: 'person' | 'invite' | '';
  id: string;
  title: string;
  content: string;
  action: string;
}

const CLOSED: Confirm = { visible: false, busy: false, kind: '', id: '', title: '', content: '', action: '' };

type Change = WechatMiniprogram.CustomEvent<{ value: string }>;

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
    next: null as string | null,
    loadingMore: false,
    invites: [] as InviteRow[],
    notice: '',
    noticeError: false,
    formOpen: false,
    created: null as null | { id: string; code: string; roleLabel: string; label: string; expires: string },
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
        const classId = viewer === 'teacher' ? (tabs.some((t) => t.value === this.data.classId) ? this.data.classId : (binding.classId ?? '')) : '';
        const scopeName = viewer === 'admin' ? binding.label || '本校' : (tabs.find((t) => t.value === classId)?.label ?? binding.label);
        this.setData({
          viewer,
          me: me.openid,
          schoolId: binding.schoolId,
          classId,
          classTabs: tabs,
          scopeTitle: `${scopeName} · 人员与邀请`,
        });
        await this.loadLists(screen);
      });
    },

    /** people.list and invites.list of the current scope, together. */
    async loadLists(screen: Screen) {
      const scope = this.scope();
      const [people, invites] = await Promise.all([call('people.list', scope), call('invites.list', scope)]);
      if (!screen.current()) return;
      this.setData({ state: 'ready', invites: inviteRows(invites.invites, this.data.viewer), next: people.next, total: people.total });
      this.showPeople(people.people);
    },

    showPeople(people: PersonView[]) {
      this.setData({ people, groups: groups(people, this.data.viewer, this.data.me) });
    },

    onReachBottom() {
      this.onMore();
    },

    /** The next page of people, after the last one shown. */
    async onMore() {
      const { next, loadingMore, state } = this.data;
      if (!next || loadingMore || state !== 'ready') return;
      const scope = this.scope();
      this.setData({ loadingMore: true });
      try {
        const page = await call('people.list', { ...scope, after: next });
        if (JSON.stringify(scope) !== JSON.stringify(this.scope())) return; // the class changed meanwhile
        this.setData({ next: page.next, total: page.total });
        this.showPeople([...this.data.people, ...page.people]);
      } catch (err) {
        wx.showToast({ title: errorMessage(err), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
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

    onOpenInvite() {
      this.setData({ formOpen: true, created: null, notice: '' });
    },

    onCloseInvite() {
      this.setData({ formOpen: false });
    },

    onCreated(e: WechatMiniprogram.CustomEvent<{ invite: CreatedInvite }>) {
      const { invite } = e.detail;
      this.setData({
        formOpen: false,
        created: { id: invite.id, code: invite.code, roleLabel: roleLabel(invite.role), label: invite.label, expires: beijingDateTime(invite.expiresAt) },
      });
      this.reloadInvites();
    },

    onCopy() {
      const created = this.data.created;
      if (created) wx.setClipboardData({ data: created.code, success: () => this.say('邀请码已复制，请发给对方') });
    },

    /** The invite as a mini-program code to show or send (the code travels to that page only). */
    onShowCode() {
      const created = this.data.created;
      if (created) wx.navigateTo({ url: pageUrl('joinCode', { inviteId: created.id, code: created.code, label: created.label }) });
    },

    /** The code is gone for good once this card closes: only its hash is stored. */
    onCreatedDone() {
      this.setData({ created: null });
    },

    onAskRevokePerson(e: WechatMiniprogram.CustomEvent<{ bindingId: string }>) {
      const id = e.detail.bindingId;
      const person = this.data.people.find((p) => p.bindingId === id);
      if (!person) return;
      const content = `确定移除“${personName(person)}”的${roleLabel(person.role)}身份（${person.label}）吗？移除后对方不能再以这个身份使用关爱室。`;
      this.setData({ confirm: { visible: true, busy: false, kind: 'person', id, title: '移除身份', content, action: '确认移除' } });
    },

    onAskRevokeInvite(e: WechatMiniprogram.CustomEvent<{ inviteId: string }>) {
      const id = e.detail.inviteId;
      const invite = this.data.invites.find((i) => i.id === id);
      if (!invite) return;
      const content = `确定撤销“${invite.label}”的邀请码吗？撤销后该邀请码不能再使用。`;
      this.setData({ confirm: { visible: true, busy: false, kind: 'invite', id, title: '撤销邀请', content, action: '确认撤销' } });
    },

    onConfirmCancel() {
      if (!this.data.confirm.busy) this.setData({ confirm: { ...CLOSED } });
    },

    async onConfirmOk() {
      const { kind, id, busy } = this.data.confirm;
      if (busy || !kind) return;
      this.setData({ 'confirm.busy': true });
      try {
        if (kind === 'person') {
          await call('people.revoke', { bindingId: id });
          const removed = this.data.people.find((p) => p.bindingId === id);
          this.showPeople(this.data.people.filter((p) => p.bindingId !== id));
          this.setData({ total: Math.max(0, this.data.total - 1) });
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

    onPersonAudit(e: WechatMiniprogram.CustomEvent<{ openid: string }>) {
      wx.navigateTo({ url: pageUrl('audit', { openid: e.detail.openid }) });
    },
  },
});
