/**
 * Chinese names of the archive's codes, for the pages (the server keeps the same table in
 * cloudfunctions/core/archive/labels.ts; tests/archive/labels.test.ts checks they agree).
 */
import type { DifficultyCategory, Gender, LeftBehindType, ProxyKind, VulnerableCategory } from '../../typings/domain';

export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const LEFT_BEHIND_LABELS: Record<LeftBehindType, string> = {
  both_away: '父母均外出务工',
  one_away_other_unable: '一方外出、另一方无监护能力',
  not_left_behind: '非留守',
};

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

export const PROXY_LABELS: Record<ProxyKind, string> = { proxy_parent: '代理家长', caring_mother: '爱心妈妈', temp_father: '临时爸爸' };

export const CONSENT_LABELS = { granted: '已同意', refused: '不同意', none: '未取得' } as const;

/** [{label, value}] for TDesign radio/checkbox groups. */
export function options<T extends string>(labels: Record<T, string>): { label: string; value: T }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ label: labels[value], value }));
}
