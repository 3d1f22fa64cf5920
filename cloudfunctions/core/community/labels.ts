/**
 * Chinese names of community work's codes, the one source of them: the pages read the same tables, generated into
 * miniprogram/generated/community-labels.ts at build time.
 */
import type { SituationChangeKind, VisitMethod } from '../../../typings/domain';
import { SITUATION_CHANGES, SITUATION_CHANGE_KINDS } from '../alerts/kinds';
import { AGENCY_LABELS } from '../alerts/mandatoryReport';
import { KIND_LABELS, RELIEF_STATUS_LABELS, SOURCE_LABELS } from './assistance/labels';

export const METHOD_LABELS: Record<VisitMethod, string> = { home: '入户', phone: '电话', school: '在校' };

/** 情况变化 by kind, and the ones that are urgent (the child may be without care or harmed). */
export const CHANGE_LABELS = Object.fromEntries(SITUATION_CHANGE_KINDS.map((k) => [k, SITUATION_CHANGES[k].label])) as Record<SituationChangeKind, string>;
export const URGENT_CHANGES: SituationChangeKind[] = SITUATION_CHANGE_KINDS.filter((k) => SITUATION_CHANGES[k].urgent);

export { AGENCY_LABELS, KIND_LABELS as ASSISTANCE_KIND_LABELS, SOURCE_LABELS as AID_SOURCE_LABELS, RELIEF_STATUS_LABELS };
