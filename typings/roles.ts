/** The roles (a county admin, 县教育局, sees its schools' counts and no child). A person (OPENID) may hold several bindings, each a role in a scope. */
export type Role = 'admin' | 'teacher' | 'parent' | 'guardian' | 'student' | 'community' | 'township' | 'county';

export const ROLES: readonly Role[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community', 'township', 'county'];

/**
 * Chinese names shown in the UI. The community role is the village or neighbourhood 儿童主任 (村/居), the township
 * role the 儿童督导员 of a township or street office (乡镇/街道), as national policy names them since 2019.
 */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  teacher: '教师',
  parent: '家长',
  guardian: '监护人',
  student: '学生',
  community: '儿童主任',
  township: '儿童督导员',
  county: '县教育局',
};
