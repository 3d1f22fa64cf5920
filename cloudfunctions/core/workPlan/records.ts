/**
 * The stored work plan of a school for a term (collection `workPlans`, one document per school and term, its id
 * made from both so a plan is created once): the items, the leading group and the class responsibilities.
 */
import { createHash } from 'node:crypto';
import type { TermView } from '../../../typings/actions/dashboard';
import type { DutyKey, EvidenceRef, GroupRole, WorkItemStatus } from '../../../typings/actions/workPlan';

export interface StoredOwner {
  kind: 'group' | 'teacher';
  bindingId: string | null;
  openid: string | null;
}

export interface WorkItemRecord {
  id: string;
  month: string;
  title: string;
  owner: StoredOwner;
  status: WorkItemStatus;
  evidence: EvidenceRef[];
}

export interface GroupMemberRecord {
  bindingId: string;
  openid: string;
  role: GroupRole;
  duties: string;
}

export interface ResponsibilityRecord {
  classId: string;
  duty: DutyKey;
  bindingId: string;
  openid: string;
}

export interface WorkPlanRecord {
  _id: string;
  schoolId: string;
  term: TermView;
  items: WorkItemRecord[];
  group: GroupMemberRecord[];
  responsibilities: ResponsibilityRecord[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** The plan of a school's term: the same id however often, or however many at once, it is created. */
export function planIdOf(schoolId: string, term: TermView): string {
  return `wp-${createHash('sha256').update(`${schoolId}|${term.start}`).digest('hex').slice(0, 24)}`;
}

export const STATUS_LABELS: Record<WorkItemStatus, string> = { todo: '未开始', doing: '进行中', done: '已完成' };
export const GROUP_ROLE_LABELS: Record<GroupRole, string> = { leader: '组长', deputy: '副组长', member: '成员' };
export const DUTY_LABELS: Record<DutyKey, string> = { archive: '建档', pairing: '结对', familyCall: '亲情视频', talks: '谈心', parentMeeting: '家长会' };
export const DUTIES = Object.keys(DUTY_LABELS) as DutyKey[];

/** Limits of one plan (a term has a few dozen items at most). */
export const MAX_ITEMS = 60;
