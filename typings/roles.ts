/** The roles (a county admin, 县教育局, sees its schools' counts and no child). A person (OPENID) may hold several bindings, each a role in a scope. */
export type Role = 'admin' | 'teacher' | 'parent' | 'guardian' | 'student' | 'community' | 'county';

export const ROLES: readonly Role[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community', 'county'];

/** Chinese names shown in the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  teacher: '教师',
  parent: '家长',
  guardian: '监护人',
  student: '学生',
  community: '社区工作者',
  county: '县教育局',
};
