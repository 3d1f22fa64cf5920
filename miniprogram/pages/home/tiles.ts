/**
 * The home page's tiles: the sections shown for the caller's bindings (the active one, or every role held), from the
 * tables in index.ts (which tile each role gets), with a 孩子档案 and a 生日贺卡 tile per child of a parent or guardian,
 * the school in the url of a school page, the class in the url of a class page, and the unread count on 消息中心.
 */
import type { Role } from '../../../typings/roles';
import type { BindingView } from '../../../typings/actions/system';
import { ROLE_LABELS, ROLE_ORDER } from '../../services/roles';
import { activeBinding } from '../../services/session';
import { pageUrl } from '../../services/routes';

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

/** Which tiles each role gets, the tiles every bound person has after them, and the pages that act for one school. */
export interface TileTable {
  roles: Record<Role, Entry[]>;
  common: Entry[];
  inbox: Entry;
  schoolPages: Set<Entry>;
  /** Pages of a student's or a teacher's class (爱心天地, 生日与贺卡): they get the class in their url. */
  classPages: Set<Entry>;
}

export interface BindingRow {
  id: string;
  role: Role;
  roleLabel: string;
  scope: string;
}

export interface Section {
  role: Role | 'common';
  title: string;
  tiles: Entry[];
}

export function bindingRows(bindings: BindingView[]): BindingRow[] {
  return bindings.map((b) => ({
    id: b.id,
    role: b.role,
    roleLabel: ROLE_LABELS[b.role] ?? b.role,
    scope: b.label || ROLE_LABELS[b.role] || b.role,
  }));
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

/** A page that acts for one place (an admin's school, a class, a 儿童主任's village, a 儿童督导员's township) gets it in its url: one call for its first screen. */
function withPlace(entry: Entry, place: Partial<Record<'schoolId' | 'classId' | 'communityId' | 'townshipId', string | null>>): Entry {
  const query = (['schoolId', 'classId', 'communityId', 'townshipId'] as const).flatMap((k) => (place[k] ? [`${k}=${encodeURIComponent(place[k]!)}`] : []));
  return query.length ? { ...entry, url: `${entry.url}?${query.join('&')}` } : entry;
}

function roleTiles(table: TileTable, role: Role, bindings: BindingView[]): Entry[] {
  const mine = bindings.filter((b) => b.role === role);
  const tiles = table.roles[role];
  if (role === 'community' || role === 'township') return tiles.map((e) => withPlace(e, mine[0] ?? {}));
  if (role === 'admin') {
    const schoolId = mine.find((b) => b.schoolId)?.schoolId ?? null;
    return tiles.map((e) => (table.schoolPages.has(e) ? withPlace(e, { schoolId }) : e));
  }
  if (role === 'parent' || role === 'guardian') return [tiles[0], ...childTiles(mine, ARCHIVE_TILE), ...childTiles(mine, WALL_TILE), ...tiles.slice(1)];
  // the class taught (not a mentor's one child), or the student's own class: the first, when there are two
  const classId = (mine.find((b) => b.classId && !b.childId) ?? mine.find((b) => b.classId))?.classId;
  return tiles.map((e) => (table.classPages.has(e) ? withPlace(e, { classId }) : e));
}

const inboxBadge = (unread: number): Badge | null => (unread > 0 ? { count: unread, maxCount: 99 } : null);

/** The tiles of the active binding (picked on 我的身份) when there is one, else of every role held. */
export function sections(table: TileTable, bindings: BindingView[], unread: number): Section[] {
  const active = activeBinding(bindings);
  const shown = active ? [active] : bindings;
  const held = new Set(shown.map((b) => b.role));
  const roleSections: Section[] = ROLE_ORDER.filter((role) => held.has(role)).map((role) => ({
    role,
    title: `${ROLE_LABELS[role]}功能`,
    tiles: roleTiles(table, role, shown),
  }));
  const above = new Set(roleSections.flatMap((s) => s.tiles.map((t) => t.key)));
  const common = table.common.filter((e) => !above.has(e.key)).map((e) => (e === table.inbox ? { ...e, badge: inboxBadge(unread) } : e));
  // every tile carries badge (null: none) and description: setData and component properties take no undefined
  return [...roleSections, { role: 'common' as const, title: '通用', tiles: common }].map((sec) => ({
    ...sec,
    tiles: sec.tiles.map((t) => ({ ...t, description: t.description ?? '', badge: t.badge ?? null })),
  }));
}
