/**
 * 首页：按身份展示入口。首屏一次 whoami 调用：
 *   正在加载 → 出错（中文提示 + 重试）| 还没有身份（去绑定）| 我的身份 + 各身份的功能入口。
 * whoami 带回未读消息数，消息中心入口上显示未读角标；从别的页面回到首页时只刷新未读数。
 * 本地模拟器下（whoami.local）另有演示身份切换，切换后重新加载。
 */
import type { Role } from '../../../typings/roles';
import type { BindingView } from '../../../typings/actions/system';
import { call } from '../../services/api';
import { instanceState } from '../../services/instance';
import { loadScreen } from '../../services/screen';
import { setLocalOpenid } from '../../services/transport';
import { privacyReady } from '../../services/privacy';
import { ROLE_LABELS, ROLE_ORDER } from '../../services/roles';
import { activeBinding } from '../../services/session';
import { forgetUnbound } from '../../services/offline';
import { PAGES, pageUrl } from '../../services/routes';
import { DEMO_IDENTITIES } from '../../config';

/** TDesign badge props of a tile (t-grid-item badge-props). */
interface Badge {
  count: number;
  maxCount: number;
}

interface Entry {
  key: string;
  title: string;
  /** TDesign icon name */
  icon: string;
  /** '' for a page still to come */
  url: string;
  /** false until the page exists: the tile is shown as 即将开放 */
  ready: boolean;
  /** Small line under the title (e.g. the child's name on 孩子档案); 即将开放 when not ready. */
  description?: string;
  badge?: Badge | null;
}

const ENTRIES = {
  invites: { key: 'invites', title: '人员与邀请', icon: 'user-add', url: PAGES.people, ready: true },
  audit: { key: 'audit', title: '审计日志', icon: 'file-search', url: PAGES.audit, ready: true },
  alerts: { key: 'alerts', title: '预警', icon: 'error-circle', url: PAGES.alerts, ready: true },
  rooms: { key: 'rooms', title: '关爱室与设备', icon: 'video-camera', url: PAGES.rooms, ready: true },
  calendar: { key: 'calendar', title: '校历', icon: 'calendar', url: PAGES.calendar, ready: true },
  school: { key: 'school', title: '学校设置', icon: 'setting', url: PAGES.school, ready: true },
  reminderAdmin: { key: 'reminderAdmin', title: '提醒模板与记录', icon: 'send', url: PAGES.reminderAdmin, ready: true },
  coverage: { key: 'coverage', title: '每周联系率', icon: 'chart-pie', url: PAGES.coverage, ready: true },
  cardRound: { key: 'cardRound', title: '联系卡核对', icon: 'task-checked', url: PAGES.cardRound, ready: true },
  stats: { key: 'stats', title: '统计', icon: 'chart-bar', url: '', ready: false },
  roster: { key: 'roster', title: '班级花名册', icon: 'usergroup', url: PAGES.roster, ready: true },
  familyCalls: { key: 'familyCalls', title: '亲情视频', icon: 'video', url: PAGES.week, ready: true },
  talks: { key: 'talks', title: '谈心记录', icon: 'chat', url: '', ready: false },
  growth: { key: 'growth', title: '孩子动态', icon: 'image', url: '', ready: false },
  nextCall: { key: 'nextCall', title: '下次视频', icon: 'time', url: PAGES.nextCall, ready: true },
  birthdays: { key: 'birthdays', title: '生日提醒', icon: 'gift', url: '', ready: false },
  visits: { key: 'visits', title: '走访记录', icon: 'home', url: PAGES.register, ready: true },
  ledger: { key: 'ledger', title: '帮扶台账', icon: 'wallet', url: PAGES.ledger, ready: true },
  township: { key: 'township', title: '乡镇总览', icon: 'map', url: PAGES.township, ready: true },
  inbox: { key: 'inbox', title: '消息中心', icon: 'notification', url: PAGES.inbox, ready: true },
  reminders: { key: 'reminders', title: '提醒设置', icon: 'notification-add', url: PAGES.reminders, ready: true },
  roles: { key: 'roles', title: '我的身份', icon: 'user-circle', url: PAGES.roles, ready: true },
  privacy: { key: 'privacy', title: '隐私与同意', icon: 'secured', url: PAGES.consent, ready: true },
};

const ROLE_ENTRIES: Record<Role, Entry[]> = {
  admin: [
    ENTRIES.school,
    ENTRIES.invites,
    ENTRIES.audit,
    ENTRIES.alerts,
    ENTRIES.rooms,
    ENTRIES.calendar,
    ENTRIES.coverage,
    ENTRIES.reminders,
    ENTRIES.reminderAdmin,
    ENTRIES.stats,
  ],
  teacher: [ENTRIES.roster, ENTRIES.cardRound, ENTRIES.familyCalls, ENTRIES.coverage, ENTRIES.talks, ENTRIES.invites],
  parent: [ENTRIES.nextCall, ENTRIES.growth],
  guardian: [ENTRIES.nextCall, ENTRIES.growth],
  student: [ENTRIES.birthdays],
  community: [ENTRIES.visits, ENTRIES.ledger],
  township: [ENTRIES.township],
};

/** Tiles every bound person has, after the role sections (less any a role section above already shows). */
const COMMON_ENTRIES: Entry[] = [ENTRIES.inbox, ENTRIES.reminders, ENTRIES.roles, ENTRIES.privacy];

type State = 'loading' | 'error' | 'unbound' | 'ready';

interface BindingRow {
  id: string;
  role: Role;
  roleLabel: string;
  scope: string;
}

interface Section {
  role: Role | 'common';
  title: string;
  tiles: Entry[];
}

function bindingRows(bindings: BindingView[]): BindingRow[] {
  return bindings.map((b) => ({
    id: b.id,
    role: b.role,
    roleLabel: ROLE_LABELS[b.role] ?? b.role,
    scope: b.label || ROLE_LABELS[b.role] || b.role,
  }));
}

/** 孩子档案, one tile per child of the parent/guardian bindings shown. */
function archiveTiles(bindings: BindingView[]): Entry[] {
  const seen = new Set<string>();
  return bindings.flatMap((b) => {
    if (!b.childId || seen.has(b.childId)) return [];
    seen.add(b.childId);
    const tile: Entry = { key: `child-${b.childId}`, title: '孩子档案', icon: 'user-1', url: pageUrl('child', { childId: b.childId }), ready: true };
    return [{ ...tile, description: b.childName ?? b.label }];
  });
}

/** The admin tiles of pages that act for one school. */
const SCHOOL_PAGES = new Set<Entry>([ENTRIES.school, ENTRIES.rooms, ENTRIES.calendar, ENTRIES.coverage, ENTRIES.reminderAdmin]);

/** A page that acts for one place (an admin's school, a 儿童主任's village, a 儿童督导员's township) gets it in its url: one call for its first screen. */
function withPlace(entry: Entry, place: Partial<Record<'schoolId' | 'communityId' | 'townshipId', string | null>>): Entry {
  const query = (['schoolId', 'communityId', 'townshipId'] as const).flatMap((k) => (place[k] ? [`${k}=${encodeURIComponent(place[k]!)}`] : []));
  return query.length ? { ...entry, url: `${entry.url}?${query.join('&')}` } : entry;
}

function roleTiles(role: Role, bindings: BindingView[]): Entry[] {
  const mine = bindings.filter((b) => b.role === role);
  if (role === 'community' || role === 'township') return ROLE_ENTRIES[role].map((e) => withPlace(e, mine[0] ?? {}));
  if (role === 'admin') {
    const schoolId = mine.find((b) => b.schoolId)?.schoolId ?? null;
    return ROLE_ENTRIES.admin.map((e) => (SCHOOL_PAGES.has(e) ? withPlace(e, { schoolId }) : e));
  }
  if (role === 'parent' || role === 'guardian') return [ROLE_ENTRIES[role][0], ...archiveTiles(mine), ...ROLE_ENTRIES[role].slice(1)];
  return ROLE_ENTRIES[role];
}

const inboxBadge = (unread: number): Badge | null => (unread > 0 ? { count: unread, maxCount: 99 } : null);

/** The tiles of the active binding (picked on 我的身份) when there is one, else of every role held. */
function sections(bindings: BindingView[], unread: number): Section[] {
  const active = activeBinding(bindings);
  const shown = active ? [active] : bindings;
  const held = new Set(shown.map((b) => b.role));
  const roleSections: Section[] = ROLE_ORDER.filter((role) => held.has(role)).map((role) => ({
    role,
    title: `${ROLE_LABELS[role]}功能`,
    tiles: roleTiles(role, shown),
  }));
  const above = new Set(roleSections.flatMap((s) => s.tiles.map((t) => t.key)));
  const common = COMMON_ENTRIES.filter((e) => !above.has(e.key)).map((e) => (e === ENTRIES.inbox ? { ...e, badge: inboxBadge(unread) } : e));
  // every tile carries badge (null: none) and description: setData and component properties take no undefined
  return [...roleSections, { role: 'common' as const, title: '通用', tiles: common }].map((sec) => ({
    ...sec,
    tiles: sec.tiles.map((t) => ({ ...t, description: t.description ?? '', badge: t.badge ?? null })),
  }));
}

/** The bindings of the last whoami, to rebuild the tiles when a new unread count arrives. */
const own = instanceState(() => ({ bindings: null as BindingView[] | null }));

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    greeting: '',
    bindings: [] as BindingRow[],
    sections: [] as Section[],
    unread: 0,
    local: false,
    openid: '',
    identityOptions: DEMO_IDENTITIES.map((i) => ({ label: i.label, value: i.openid })),
  },

  methods: {
    onLoad() {
      this.load();
    },

    /** Back from another page (消息中心 above all): refresh the unread count only. */
    onShow() {
      if (this.data.state === 'ready') this.loadUnread();
    },

    load() {
      return loadScreen(this, async (screen) => {
        await privacyReady();
        const me = await call('whoami', {});
        if (!screen.current()) return;
        own(this).bindings = me.bindings;
        forgetUnbound(me.bindings);
        this.setData({
          state: me.bindings.length ? 'ready' : 'unbound',
          greeting: me.nickname ? `${me.nickname}，您好` : '您好',
          bindings: bindingRows(me.bindings),
          sections: sections(me.bindings, me.unread),
          unread: me.unread,
          local: me.local,
          openid: me.openid,
        });
      });
    },

    /** Back on home: the unread count may have changed (messages read, new ones due). A failure keeps the old badge. */
    async loadUnread() {
      const shown = own(this).bindings;
      let unread: number;
      try {
        unread = (await call('inbox.list', { limit: 1 })).unread;
      } catch {
        return;
      }
      // a reload since (another identity picked) has its own count
      if (!shown || own(this).bindings !== shown || unread === this.data.unread) return;
      this.setData({ unread, sections: sections(shown, unread) });
    },

    onRetry() {
      this.load();
    },

    onBind() {
      wx.navigateTo({ url: PAGES.bind });
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
