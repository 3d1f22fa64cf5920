/**
 * What the people page and its parts share: who may invite whom (the server's MAY_INVITE, generated), and people and
 * invites as rows to show.
 */
import type { Role } from '../../../../typings/roles';
import type { BindingView } from '../../../../typings/actions/system';
import type { InviteStatus, InviteView, PersonView } from '../../../../typings/actions/accounts';
import { MAY_INVITE } from '../../../generated/invites';
import { maskOpenid } from '../../../services/format';
import { ROLE_ORDER, roleLabel } from '../../../services/roles';
import { beijingDateTime } from '../../../services/time';

export type Viewer = 'admin' | 'teacher';

export interface Option {
  label: string;
  value: string;
  content?: string;
}

/** The order the invite form offers roles in: staff first, then families. */
const INVITE_ORDER: readonly Role[] = ['teacher', 'community', 'township', 'admin', 'parent', 'guardian', 'student'];

/** Who each manager may invite (the server's MAY_INVITE), in the form's order. */
export const INVITABLE: Record<Viewer, Role[]> = {
  admin: INVITE_ORDER.filter((r) => MAY_INVITE.admin.includes(r)),
  teacher: INVITE_ORDER.filter((r) => MAY_INVITE.teacher.includes(r)),
};

const STATUS: Record<InviteStatus, { label: string; theme: string }> = {
  active: { label: '待使用', theme: 'primary' },
  used: { label: '已使用', theme: 'success' },
  expired: { label: '已过期', theme: 'default' },
  revoked: { label: '已撤销', theme: 'warning' },
};

export interface PersonRow {
  bindingId: string;
  openid: string;
  name: string;
  label: string;
  since: string;
  canRevoke: boolean;
}

export interface Group {
  role: Role;
  title: string;
  people: PersonRow[];
}

export interface InviteRow {
  id: string;
  status: InviteStatus;
  statusLabel: string;
  statusTheme: string;
  roleLabel: string;
  label: string;
  when: string;
  canRevoke: boolean;
}

/** How a person is named to a manager: their nickname, else the ends of their OPENID. */
export const personName = (p: PersonView) => p.nickname || maskOpenid(p.openid);

/** The people by role, in role order; `me` (the viewer) can not remove themselves. */
export function groups(people: PersonView[], viewer: Viewer, me: string): Group[] {
  return ROLE_ORDER.map((role) => ({
    role,
    title: roleLabel(role),
    people: people
      .filter((p) => p.role === role)
      .map((p) => ({
        bindingId: p.bindingId,
        openid: p.openid,
        name: personName(p),
        label: p.label || roleLabel(p.role),
        since: beijingDateTime(p.since),
        canRevoke: p.openid !== me && INVITABLE[viewer].includes(p.role),
      })),
  })).filter((g) => g.people.length > 0);
}

export function inviteRows(invites: InviteView[], viewer: Viewer): InviteRow[] {
  return invites.map((i) => ({
    id: i.id,
    status: i.status,
    statusLabel: STATUS[i.status]?.label ?? '',
    statusTheme: STATUS[i.status]?.theme ?? 'default',
    roleLabel: roleLabel(i.role),
    label: i.label,
    when: i.status === 'active' ? `${beijingDateTime(i.expiresAt)} 前有效` : `${beijingDateTime(i.createdAt)} 发出`,
    canRevoke: i.status === 'active' && INVITABLE[viewer].includes(i.role),
  }));
}

/** A teacher's classes (one tab each), from their teacher bindings. */
export function classTabs(bindings: BindingView[]): Option[] {
  const seen = new Set<string>();
  const tabs: Option[] = [];
  for (const b of bindings) {
    if (b.role !== 'teacher' || !b.classId || seen.has(b.classId)) continue;
    seen.add(b.classId);
    tabs.push({ label: b.label || '本班', value: b.classId });
  }
  return tabs;
}
