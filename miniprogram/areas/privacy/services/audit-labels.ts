/**
 * Chinese names for what the audit log records: the action (the api action that wrote the entry), its kind, and
 * the fields read or changed (archive and contact-card fields as cloudfunctions/core/archive/labels.ts names them).
 * Unknown names are shown as they are, so a new action is never hidden.
 */
import { FIELD_LABELS as ARCHIVE_FIELD_LABELS } from '../../../generated/archive-labels';

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'children.get': '查看儿童档案',
  'children.export': '导出儿童全部数据',
  'children.purge': '删除儿童全部数据',
  'archive.roster': '查看班级花名册',
  'archive.history': '查看档案修改记录',
  'archive.create': '新建儿童档案',
  'archive.update': '修改儿童档案',
  'archive.export': '导出档案表',
  'contactCards.save': '保存联系卡',
  'contactCards.confirm': '确认联系卡',
  'care.pair': '建立结对帮扶',
  'care.end': '结束结对帮扶',
  'consent.record': '登记监护人同意',
  'people.revoke': '移除身份',
  'classes.archive': '撤销班级',
  'alerts.resolve': '处理预警',
  'imports.commit': '导入花名册',
  'invites.create': '发出邀请码',
  'invites.revoke': '撤销邀请码',
  'invites.redeem': '用邀请码绑定身份',
  'setup.claimAdmin': '认领学校（第一位管理员）',
};

export const AUDIT_KIND: Record<string, { label: string; theme: string }> = {
  read: { label: '查看', theme: 'primary' },
  change: { label: '修改', theme: 'warning' },
  export: { label: '导出', theme: 'warning' },
  delete: { label: '删除', theme: 'danger' },
  consent: { label: '同意', theme: 'success' },
  access: { label: '权限', theme: 'default' },
};

/** The archive's field names (from the server's table) and the other names the log records. */
const FIELD_LABELS: Record<string, string> = {
  ...ARCHIVE_FIELD_LABELS,
  keepsLunarBirthday: '过农历生日',
  classId: '班级',
  schoolId: '学校',
  communityId: '社区',
  version: '版本',
  archiveVersion: '档案版本',
  createdAt: '建档时间',
  updatedAt: '更新时间',
  deletedAt: '删除时间',
  contactCard: '联系卡',
  confirmedAt: '确认时间',
  care: '结对',
  history: '修改记录',
  import: '导入',
  alerts: '预警',
  // collections (children.export / children.purge name what they took)
  children: '档案',
  contactCards: '联系卡',
  archiveHistory: '修改记录',
  pairings: '结对',
  consents: '同意记录',
  bindings: '身份',
  invites: '邀请',
  auditLog: '审计日志',
};

/** "contactCard.parents" -> "联系卡·父母"; unknown parts stay as they are. */
export function auditFieldLabel(path: string): string {
  return path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .map((part) => FIELD_LABELS[part] ?? part)
    .join('·');
}

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
