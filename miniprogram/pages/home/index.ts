/**
 * 首页：按身份展示入口。首屏一次 whoami 调用：
 *   正在加载 → 出错（中文提示 + 重试）| 还没有身份（去绑定）| 我的身份 + 各身份的功能入口。
 * 本地模拟器下（whoami.local）另有演示身份切换，切换后重新加载。
 */
import type { Role } from '../../../typings/roles';
import type { BindingView, WhoAmI } from '../../../typings/actions/system';
import { call, errorMessage } from '../../services/api';
import { setLocalOpenid } from '../../services/transport';
import { privacyReady } from '../../services/privacy';
import { activeBinding } from '../../services/session';
import { DEMO_IDENTITIES } from '../../config';

/** Same labels as typings/roles.ts ROLE_LABELS (pages may not import runtime values from outside miniprogram/). */
const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  teacher: '教师',
  parent: '家长',
  guardian: '监护人',
  student: '学生',
  community: '社区工作者',
};
const ROLE_ORDER: Role[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community'];

interface Entry {
  key: string;
  title: string;
  /** TDesign icon name */
  icon: string;
  url: string;
  /** false until the page exists: the tile is shown as 即将开放 */
  ready: boolean;
}

const ENTRIES = {
  invites: { key: 'invites', title: '人员与邀请', icon: 'user-add', url: '/pages/people/index', ready: true },
  audit: { key: 'audit', title: '审计日志', icon: 'file-search', url: '/pages/audit/index', ready: true },
  stats: { key: 'stats', title: '统计', icon: 'chart-bar', url: '/pages/admin/stats/index', ready: false },
  roster: { key: 'roster', title: '班级花名册', icon: 'usergroup', url: '/pages/roster/index', ready: false },
  familyCalls: { key: 'familyCalls', title: '亲情视频', icon: 'video', url: '/pages/family-calls/index', ready: false },
  talks: { key: 'talks', title: '谈心记录', icon: 'chat', url: '/pages/talks/index', ready: false },
  growth: { key: 'growth', title: '孩子动态', icon: 'image', url: '/pages/growth/index', ready: false },
  nextCall: { key: 'nextCall', title: '下次视频', icon: 'time', url: '/pages/family-calls/next/index', ready: false },
  birthdays: { key: 'birthdays', title: '生日提醒', icon: 'gift', url: '/pages/birthdays/index', ready: false },
  visits: { key: 'visits', title: '走访记录', icon: 'home', url: '/pages/visits/index', ready: false },
  roles: { key: 'roles', title: '我的身份', icon: 'user-circle', url: '/pages/roles/index', ready: true },
  privacy: { key: 'privacy', title: '隐私与同意', icon: 'secured', url: '/pages/privacy/index', ready: true },
};

const ROLE_ENTRIES: Record<Role, Entry[]> = {
  admin: [ENTRIES.invites, ENTRIES.audit, ENTRIES.stats],
  teacher: [ENTRIES.roster, ENTRIES.familyCalls, ENTRIES.talks, ENTRIES.invites],
  parent: [ENTRIES.growth, ENTRIES.nextCall],
  guardian: [ENTRIES.growth, ENTRIES.nextCall],
  student: [ENTRIES.birthdays],
  community: [ENTRIES.visits],
};

const BIND_PAGE = '/pages/bind/index';

type State = 'loading' | 'error' | 'unbound' | 'ready';

interface BindingRow {
  id: string;
  role: Role;
  roleLabel: string;
  scope: string;
}

/** Tiles every bound person has, after the role sections. */
const COMMON_SECTION: Section = { role: 'common', title: '通用', tiles: [ENTRIES.roles, ENTRIES.privacy] };

interface Section {
  role: Role | 'common';
  title: string;
  tiles: Entry[];
}

function bindingRows(bindings: BindingView[]): BindingRow[] {
  return bindings.map((b) => ({ id: b.id, role: b.role, roleLabel: ROLE_LABELS[b.role] ?? b.role, scope: b.label || ROLE_LABELS[b.role] || b.role }));
}

/** The tiles of the active binding (picked on 我的身份) when there is one, else of every role held. */
function sections(bindings: BindingView[]): Section[] {
  const active = activeBinding(bindings);
  const held = new Set((active ? [active] : bindings).map((b) => b.role));
  return [...ROLE_ORDER.filter((role) => held.has(role)).map((role) => ({ role, title: `${ROLE_LABELS[role]}功能`, tiles: ROLE_ENTRIES[role] })), COMMON_SECTION];
}

/** Per page instance, the number of its latest load: an answer that arrives after a newer load started is dropped. */
const latestLoad = new WeakMap<object, number>();

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    greeting: '',
    bindings: [] as BindingRow[],
    sections: [] as Section[],
    local: false,
    openid: '',
    identityOptions: DEMO_IDENTITIES.map((i) => ({ label: i.label, value: i.openid })),
  },

  methods: {
    onLoad() {
      this.load();
    },

    async load() {
      const seq = (latestLoad.get(this) ?? 0) + 1;
      latestLoad.set(this, seq);
      this.setData({ state: 'loading', errorMessage: '' });
      let me: WhoAmI;
      try {
        await privacyReady();
        me = await call('whoami', {});
      } catch (err) {
        if (latestLoad.get(this) === seq) this.setData({ state: 'error', errorMessage: errorMessage(err) });
        return;
      }
      if (latestLoad.get(this) !== seq) return;
      this.setData({
        state: me.bindings.length ? 'ready' : 'unbound',
        greeting: me.nickname ? `${me.nickname}，您好` : '您好',
        bindings: bindingRows(me.bindings),
        sections: sections(me.bindings),
        local: me.local,
        openid: me.openid,
      });
    },

    onRetry() {
      this.load();
    },

    onBind() {
      wx.navigateTo({ url: BIND_PAGE });
    },

    onEntry(e: WechatMiniprogram.CustomEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { url: string; ready: boolean }>) {
      const { url, ready } = e.currentTarget.dataset;
      if (!ready) {
        wx.showToast({ title: '即将开放', icon: 'none' });
        return;
      }
      wx.navigateTo({ url });
    },

    onIdentityChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const openid = e.detail.value;
      if (!openid || openid === this.data.openid) return;
      setLocalOpenid(openid);
      this.load();
    },
  },
});
