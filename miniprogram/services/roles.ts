/**
 * Role names and the order roles are listed in, for the pages (from typings/roles.ts, generated into
 * miniprogram/generated/ at build time: pages may not import runtime values from outside miniprogram/).
 */
import type { Role } from '../../typings/roles';
import { ROLE_LABELS, ROLES } from '../generated/roles';

export { ROLE_LABELS };

export const ROLE_ORDER: readonly Role[] = ROLES;

export function roleLabel(role: Role | null | undefined): string {
  return role ? (ROLE_LABELS[role] ?? role) : '—';
}
