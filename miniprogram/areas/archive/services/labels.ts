/**
 * Chinese names of the archive's codes for the pages: the server's tables (cloudfunctions/core/archive/labels.ts,
 * generated into miniprogram/generated/), the consent states the pages name, and option lists for TDesign groups.
 */
export {
  DIFFICULTY_LABELS,
  ENROLMENT_LABELS,
  GENDER_LABELS,
  LEFT_BEHIND_LABELS,
  PROXY_LABELS,
  VACCINATION_LABELS,
  VULNERABLE_LABELS,
} from '../../../generated/archive-labels';

export const CONSENT_LABELS = { granted: '已同意', refused: '不同意', none: '未取得' } as const;

/** [{label, value}] for TDesign radio/checkbox groups. */
export function options<T extends string>(labels: Record<T, string>): { label: string; value: T }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ label: labels[value], value }));
}
