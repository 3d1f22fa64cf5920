/** Chinese names of community work's codes for the pages (generated from the server's tables) and option lists. */
export {
  AGENCY_LABELS,
  AID_SOURCE_LABELS,
  ASSISTANCE_KIND_LABELS,
  CHANGE_LABELS,
  METHOD_LABELS,
  RELIEF_STATUS_LABELS,
  URGENT_CHANGES,
} from '../../../generated/community-labels';
export { DIFFICULTY_LABELS, LEFT_BEHIND_LABELS, VULNERABLE_LABELS } from '../../../generated/archive-labels';

/** [{label, value}] for TDesign radio groups. */
export function options<T extends string>(labels: Record<T, string>): { label: string; value: T }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ label: labels[value], value }));
}
