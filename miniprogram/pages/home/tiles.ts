/**
 * 首页的入口：每个身份的功能入口（进入各方面的页面），和每人都有的通用入口。一个方面的新页面在这里加一个入口，
 * 加到它所属的身份下；按孩子、按班级、按学校进入的页面在 url 里带上它们，首屏就只需一次调用。
 */
import type { Role } from '../../../typings/roles';
import type { BindingView } from '../../../typings/actions/system';
import { ROLE_LABELS, ROLE_ORDER } from '../../services/roles';
import { activeBinding } from '../../services/session';
import { PAGES, pageUrl } from '../../services/routes';

/** TDesign badge props of a tile (t-grid-item badge-props). */
export interface Badge {
  count: number;
  maxCount: number;
}

export interface Entry {
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
  birthdays: { key: 'birthdays', title: '生日祝福', icon: 'gift', url: PAGES.studentHome, ready: true },
  corner: { key: 'corner', title: '爱心天地', icon: 'heart', url: PAGES.corner, ready: true },
  birthdayList: { key: 'birthdayList', title: '生日与贺卡', icon: 'cake', url: PAGES.birthdayList, ready: true },
  visits: { key: 'visits', title: '走访记录', icon: 'home', url: '', ready: false },
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
  teacher: [ENTRIES.roster, ENTRIES.cardRound, ENTRIES.familyCalls, ENTRIES.coverage, ENTRIES.talks, ENTRIES.birthdayList, ENTRIES.invites],
  parent: [ENTRIES.nextCall, ENTRIES.growth],
  guardian: [ENTRIES.nextCall, ENTRIES.growth],
  student: [ENTRIES.birthdays, ENTRIES.corner],
  community: [ENTRIES.visits],
};

/** Tiles every bound person has, after the role sections (less any a role section above already shows). */
const COMMON_ENTRIES: Entry[] = [ENTRIES.inbox, ENTRIES.reminders, ENTRIES.roles, ENTRIES.privacy];

export interface Section {
  role: Role | 'common';
  title: string;
  tiles: Entry[];
}

/** One tile per child of the parent/guardian bindings shown (孩子档案, 生日贺卡), the child's name under the title. */
function childTiles(bindings: BindingView[], tile: { key: string; title: string; icon: string; page: 'child' | 'wall' }): Entry[] {
  const seen = new Set<string>();
  return bindings.flatMap((b) => {
    if (!b.childId || seen.has(b.childId)) return [];
    seen.add(b.childId);
    return [
      {
        key: `${tile.key}-${b.childId}`,
        title: tile.title,
        icon: tile.icon,
        url: pageUrl(tile.page, { childId: b.childId }),
        ready: true,
        description: b.childName ?? b.label,
      },
    ];
  });
}

const ARCHIVE_TILE = { key: 'child', title: '孩子档案', icon: 'user-1', page: 'child' as const };
const WALL_TILE = { key: 'wall', title: '生日贺卡', icon: 'gift', page: 'wall' as const };

/** The admin tiles of pages that act for one school. */
const SCHOOL_PAGES = new Set<Entry>([ENTRIES.school, ENTRIES.rooms, ENTRIES.calendar, ENTRIES.coverage, ENTRIES.reminderAdmin]);

/** A page that acts for one school gets it in its url, so its first screen is one call. */
function withSchool(entry: Entry, schoolId: string | null): Entry {
  return schoolId ? { ...entry, url: `${entry.url}?schoolId=${encodeURIComponent(schoolId)}` } : entry;
}

function roleTiles(role: Role, bindings: BindingView[]): Entry[] {
  const mine = bindings.filter((b) => b.role === role);
  if (role === 'admin') {
    const schoolId = mine.find((b) => b.schoolId)?.schoolId ?? null;
    return ROLE_ENTRIES.admin.map((e) => (SCHOOL_PAGES.has(e) ? withSchool(e, schoolId) : e));
  }
  if (role === 'parent' || role === 'guardian')
    return [ROLE_ENTRIES[role][0], ...childTiles(mine, ARCHIVE_TILE), ...childTiles(mine, WALL_TILE), ...ROLE_ENTRIES[role].slice(1)];
  if (role === 'student') {
    // the class corner of the student's class (the first, when a student is in two)
    const classId = mine.find((b) => b.classId)?.classId;
    return ROLE_ENTRIES.student.map((e) => (e === ENTRIES.corner && classId ? { ...e, url: pageUrl('corner', { classId }) } : e));
  }
  if (role === 'teacher') {
    // the birthdays of the class taught (so the first screen names it and loads with the class in one round trip)
    const classId = mine.find((b) => b.classId && !b.childId)?.classId;
    return ROLE_ENTRIES.teacher.map((e) => (e === ENTRIES.birthdayList && classId ? { ...e, url: pageUrl('birthdayList', { classId }) } : e));
  }
  return ROLE_ENTRIES[role];
}

const inboxBadge = (unread: number): Badge | null => (unread > 0 ? { count: unread, maxCount: 99 } : null);

/** The tiles of the active binding (picked on 我的身份) when there is one, else of every role held. */
export function sections(bindings: BindingView[], unread: number): Section[] {
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
