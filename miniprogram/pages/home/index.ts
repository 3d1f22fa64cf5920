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
import { forgetUnbound } from '../../services/offline';
import { PAGES } from '../../services/routes';
import { DEMO_IDENTITIES } from '../../config';
import { bindingRows, sections, type BindingRow, type Entry, type Section, type TileTable } from './tiles';

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
  stats: { key: 'stats', title: '统计', icon: 'chart-bar', url: PAGES.dashboard, ready: true },
  roster: { key: 'roster', title: '班级花名册', icon: 'usergroup', url: PAGES.roster, ready: true },
  familyCalls: { key: 'familyCalls', title: '亲情视频', icon: 'video', url: PAGES.week, ready: true },
  talks: { key: 'talks', title: '谈心记录', icon: 'chat', url: PAGES.talksMonth, ready: true },
  talksSchool: { key: 'talksSchool', title: '谈心与帮扶', icon: 'chat', url: PAGES.talksMonth, ready: true },
  growth: { key: 'growth', title: '孩子动态', icon: 'image', url: PAGES.growthHome, ready: true },
  growthClass: { key: 'growthClass', title: '成长动态', icon: 'image', url: PAGES.growthClass, ready: true },
  nextCall: { key: 'nextCall', title: '下次视频', icon: 'time', url: PAGES.nextCall, ready: true },
  birthdays: { key: 'birthdays', title: '生日祝福', icon: 'gift', url: PAGES.studentHome, ready: true },
  corner: { key: 'corner', title: '爱心天地', icon: 'heart', url: PAGES.corner, ready: true },
  birthdayList: { key: 'birthdayList', title: '生日与贺卡', icon: 'cake', url: PAGES.birthdayList, ready: true },
  visits: { key: 'visits', title: '走访记录', icon: 'home', url: PAGES.register, ready: true },
  ledger: { key: 'ledger', title: '帮扶台账', icon: 'wallet', url: PAGES.ledger, ready: true },
  township: { key: 'township', title: '乡镇总览', icon: 'map', url: PAGES.township, ready: true },
  inbox: { key: 'inbox', title: '消息中心', icon: 'notification', url: PAGES.inbox, ready: true },
  reminders: { key: 'reminders', title: '提醒设置', icon: 'notification-add', url: PAGES.reminders, ready: true },
  roles: { key: 'roles', title: '我的身份', icon: 'user-circle', url: PAGES.roles, ready: true },
  privacy: { key: 'privacy', title: '隐私与同意', icon: 'secured', url: PAGES.consent, ready: true },
  county: { key: 'county', title: '全县统计', icon: 'chart-bar', url: PAGES.countyDashboard, ready: true },
  activities: { key: 'activities', title: '活动与家长会', icon: 'flag', url: PAGES.activities, ready: true },
  workPlan: { key: 'workPlan', title: '工作计划', icon: 'task', url: PAGES.workPlan, ready: true },
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
    ENTRIES.talksSchool,
    ENTRIES.reminders,
    ENTRIES.reminderAdmin,
    ENTRIES.stats,
    ENTRIES.activities,
    ENTRIES.workPlan,
  ],
  teacher: [
    ENTRIES.roster,
    ENTRIES.cardRound,
    ENTRIES.familyCalls,
    ENTRIES.coverage,
    ENTRIES.talks,
    ENTRIES.birthdayList,
    ENTRIES.invites,
    ENTRIES.growthClass,
    ENTRIES.activities,
    ENTRIES.workPlan,
  ],
  parent: [ENTRIES.growth, ENTRIES.nextCall],
  guardian: [ENTRIES.growth, ENTRIES.nextCall],
  student: [ENTRIES.birthdays, ENTRIES.corner],
  community: [ENTRIES.visits, ENTRIES.ledger],
  township: [ENTRIES.township],
  county: [ENTRIES.county],
};

/** Tiles every bound person has, after the role sections (less any a role section above already shows). */
const COMMON_ENTRIES: Entry[] = [ENTRIES.inbox, ENTRIES.reminders, ENTRIES.roles, ENTRIES.privacy];

type State = 'loading' | 'error' | 'unbound' | 'ready';

/** The tables above for ./tiles.ts, with the admin pages that act for one school (they get it in their url). */
const TILES: TileTable = {
  roles: ROLE_ENTRIES,
  common: COMMON_ENTRIES,
  inbox: ENTRIES.inbox,
  schoolPages: new Set<Entry>([
    ENTRIES.school,
    ENTRIES.rooms,
    ENTRIES.calendar,
    ENTRIES.coverage,
    ENTRIES.reminderAdmin,
    ENTRIES.talksSchool,
    ENTRIES.stats,
    ENTRIES.activities,
    ENTRIES.workPlan,
  ]),
  classPages: new Set<Entry>([ENTRIES.corner, ENTRIES.birthdayList]),
};

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
          sections: sections(TILES, me.bindings, me.unread),
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
      this.setData({ unread, sections: sections(TILES, shown, unread) });
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
