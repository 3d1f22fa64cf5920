/**
 * Chinese names for what the audit log records: the action (the api action that wrote the entry), its kind, and
 * the fields read or changed (archive and contact-card fields as cloudfunctions/core/archive/labels.ts names them).
 * Unknown names are shown as they are, so a new action is never hidden.
 */

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
};

export const AUDIT_KIND: Record<string, { label: string; theme: string }> = {
  read: { label: '查看', theme: 'primary' },
  change: { label: '修改', theme: 'warning' },
  export: { label: '导出', theme: 'warning' },
  delete: { label: '删除', theme: 'danger' },
  consent: { label: '同意', theme: 'success' },
  access: { label: '权限', theme: 'default' },
};

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  lunarBirthday: '农历生日',
  keepsLunarBirthday: '过农历生日',
  idNumber: '身份证号',
  address: '家庭住址',
  health: '健康状况',
  hobbies: '兴趣爱好',
  studySituation: '学习情况',
  studyRecords: '进步档案',
  familySituation: '家庭情况',
  leftBehindType: '留守类型',
  otherParentUnableReason: '另一方无监护能力的原因',
  difficulties: '困难/问题类别',
  difficultyNote: '困难/问题说明',
  vulnerableCategories: '困境儿童类别',
  disability: '残疾类别与等级',
  focusSupport: '重点帮扶',
  classId: '班级',
  schoolId: '学校',
  communityId: '社区',
  version: '版本',
  createdAt: '建档时间',
  updatedAt: '更新时间',
  deletedAt: '删除时间',
  contactCard: '联系卡',
  parents: '父母',
  guardian: '监护人',
  emergency: '紧急联系人',
  confirmedAt: '确认时间',
  relation: '关系',
  phone: '电话',
  workCity: '务工城市',
  workUnit: '务工单位',
  workAddress: '单位地址',
  workPhone: '单位电话',
  occupation: '职业',
  age: '年龄',
  capable: '有照护能力',
  care: '结对',
  mentor: '帮扶教师',
  buddy: '手拉手好朋友',
  proxy: '代理家长',
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
