/**
 * Chinese names of the archive's codes and fields: the one source of them (the pages read the same tables in
 * miniprogram/services/archive-labels.ts; tests/archive/labels.test.ts checks they agree).
 */
import type {
  DifficultyCategory,
  EnrolmentStatus,
  Gender,
  LeftBehindType,
  PairingKind,
  ProxyKind,
  VaccinationStatus,
  VulnerableCategory,
} from '../../../typings/domain';

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const LEFT_BEHIND_LABELS: Record<LeftBehindType, string> = {
  both_away: '父母均外出务工',
  one_away_other_unable: '一方外出、另一方无监护能力',
  not_left_behind: '非留守',
};

/** 困难 (economic, health) and 问题 (study, psychological, behavior). */
export const DIFFICULTY_LABELS: Record<DifficultyCategory, string> = {
  economic: '家庭经济困难',
  health: '身体健康问题',
  study: '学习困难',
  psychological: '心理问题',
  behavior: '行为偏差',
};

export const VULNERABLE_LABELS: Record<VulnerableCategory, string> = {
  orphan: '孤儿',
  unsupported: '事实无人抚养',
  prisoner_child: '服刑在押人员子女',
  disabled: '残疾儿童',
  serious_illness: '重病儿童',
};

export const PAIRING_LABELS: Record<PairingKind, string> = { mentor: '帮扶教师', buddy: '手拉手好朋友', proxy: '代理家长' };

export const PROXY_LABELS: Record<ProxyKind, string> = { proxy_parent: '代理家长', caring_mother: '爱心妈妈', temp_father: '临时爸爸' };

export const ENROLMENT_LABELS: Record<EnrolmentStatus, string> = {
  enrolled: '在籍',
  transferred_in: '转入',
  transferred_out: '转出',
  suspended: '休学',
  dropped_out: '辍学',
};

export const VACCINATION_LABELS: Record<VaccinationStatus, string> = { complete: '已全程接种', incomplete: '未全程接种', unknown: '不详' };

/** Archive and contact-card fields as the history and the forms name them. */
export const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  lunarBirthday: '农历生日',
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
  parents: '父母',
  guardian: '监护人',
  emergency: '紧急联系人',
  relation: '关系',
  phone: '电话',
  workCity: '务工城市',
  workUnit: '务工单位',
  workAddress: '单位地址',
  workPhone: '单位电话',
  occupation: '职业',
  age: '年龄',
  capable: '有照护能力',
  mentor: '帮扶教师',
  buddy: '手拉手好朋友',
  proxy: '代理家长',
  // Nested fields whose own name says too little, by their whole path (list positions left out).
  'focusSupport.flag': '重点帮扶',
  'focusSupport.reason': '重点帮扶原因',
  'guardian.address': '监护人·住址',
  'guardian.health': '监护人·身体状况',
  unreachable: '无法联系到任何监护人',
  'unreachable.reason': '无法联系到监护人的原因',
  enrolment: '学籍状态',
  'enrolment.status': '学籍状态',
  'enrolment.date': '学籍变动日期',
  'enrolment.note': '学籍备注',
  vaccination: '计划免疫接种',
};

/** "parents.1.phone" -> "父母2·电话"; "focusSupport.reason" -> "重点帮扶原因" */
export function fieldLabel(path: string): string {
  const whole = FIELD_LABELS[path.replace(/\.\d+(?=\.|$)/g, '')];
  if (whole) return whole;
  return path
    .split('.')
    .map((part, i, all) =>
      /^\d+$/.test(part) ? null : FIELD_LABELS[part] ? FIELD_LABELS[part] + (/^\d+$/.test(all[i + 1] ?? '') ? String(Number(all[i + 1]) + 1) : '') : part,
    )
    .filter((p) => p !== null)
    .join('·');
}
