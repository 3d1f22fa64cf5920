/**
 * Role names and the order roles are listed in, for the pages (the same labels as typings/roles.ts ROLE_LABELS:
 * pages may not import runtime values from outside miniprogram/).
 */
import type { Role } from '../../typings/roles';

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  teacher: '教师',
  parent: '家长',
  guardian: '监护人',
  student: '学生',
  community: '社区工作者',
};

export const ROLE_ORDER: readonly Role[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community'];

export function roleLabel(role: Role | null | undefined): string {
  return role ? (ROLE_LABELS[role] ?? role) : '—';
}
