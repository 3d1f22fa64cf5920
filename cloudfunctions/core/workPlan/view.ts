/**
 * The work-plan screen of a term: the items by month with their evidence read from the records, the leading group,
 * every class's responsibility for each duty (the class's head teacher where none is assigned), and the caller's own
 * part. The calendar, the school's plans, its staff and its classes are read at once; then the names and the evidence.
 */
import type { SchoolClass } from '../../../typings/domain';
import type { EvidenceRef, ResponsibilityView, WorkItemView, WorkPlanView } from '../../../typings/actions/workPlan';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { loadCalendar } from '../familyCalls/calendar';
import { headsFirst } from '../familyCalls/teachers';
import { fetchAllRows } from '../familyCalls/load';
import { evidenceOptions, evidenceView, loadEvidence, symposiumLabel, type EvidenceData } from './evidence';
import { keptCountsOf } from '../dashboard/kept';
import { monthLabel } from './labels';
import { DUTIES, DUTY_LABELS, GROUP_ROLE_LABELS, planIdOf, STATUS_LABELS, type WorkItemRecord, type WorkPlanRecord } from './records';
import { loadStaff, type Staff } from './staff';
import { monthsOfTerm } from './template';
import { pickTerm } from './terms';

const ALL_EVIDENCE: EvidenceRef[] = [{ kind: 'rate', rate: 'archive' }, { kind: 'helpPlanSummaries' }];

export interface Viewer {
  openid: string;
  canEdit: boolean;
}

type ClassRow = Pick<SchoolClass, '_id' | 'name' | 'grade' | 'archivedAt'>;

export interface SchoolPlans {
  plans: WorkPlanRecord[];
  staff: Staff;
  classes: ClassRow[];
}

/** The school's plans, staff (with names) and live classes: two rounds of reads, side by side. */
export async function loadSchoolPlans(db: Database, schoolId: string): Promise<SchoolPlans> {
  const [plans, staff, classes] = await Promise.all([
    db.collection(COLLECTION.workPlans).where({ schoolId }).limit(100).get(),
    loadStaff(db, schoolId),
    fetchAllRows<ClassRow>((skip) =>
      db.collection(COLLECTION.classes).where({ schoolId }).field({ name: true, grade: true, archivedAt: true }).skip(skip).limit(1000).get(),
    ),
  ]);
  return {
    plans: plans.data as WorkPlanRecord[],
    staff,
    classes: classes.filter((c) => !c.archivedAt).sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'zh')),
  };
}

/** Each class's holder of each duty: the teacher assigned, else the class's head teacher. */
export function responsibilitiesOf(plan: WorkPlanRecord | null, school: SchoolPlans): (ResponsibilityView & { openid: string | null })[] {
  return school.classes.flatMap((c) => {
    const heads = headsFirst(school.staff.bindings.filter((b) => b.role === 'teacher' && b.classId === c._id && !b.childId));
    return DUTIES.map((duty) => {
      const set = plan?.responsibilities.find((r) => r.classId === c._id && r.duty === duty);
      const openid = set?.openid ?? heads[0]?.openid ?? null;
      return {
        classId: c._id,
        className: c.name,
        duty,
        dutyLabel: DUTY_LABELS[duty],
        bindingId: set?.bindingId ?? heads[0]?._id ?? null,
        name: openid ? `${school.staff.nameOf(openid)}${set ? '' : '（班主任）'}` : '未安排',
        byDefault: !set,
        openid,
      };
    });
  });
}

function itemView(item: WorkItemRecord, staff: Staff, evidence: EvidenceData, plan: WorkPlanRecord): WorkItemView {
  return {
    id: item.id,
    month: item.month,
    title: item.title,
    owner: { kind: item.owner.kind, bindingId: item.owner.bindingId, name: item.owner.kind === 'group' ? '领导小组' : staff.nameOf(item.owner.openid) },
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    evidence: item.evidence.map((ref) => evidenceView(ref, evidence, plan.schoolId, plan.term)),
  };
}

export async function workPlanScreen(db: Database, schoolId: string, viewer: Viewer, termName: string | undefined, now: Date): Promise<WorkPlanView> {
  const picked = loadCalendar(db, schoolId).then((calendar) => pickTerm(calendar?.terms ?? [], termName, now));
  // The evidence is read once the term is known, beside the plans (whatever the items name: a screen's few counts);
  // the school's kept counts are read with the calendar, so counting afresh is needed only when they are not today's.
  const kept = keptCountsOf(db, schoolId);
  const [{ term, terms }, school, evidence] = await Promise.all([
    picked,
    loadSchoolPlans(db, schoolId),
    picked.then((p) => loadEvidence(db, schoolId, p.term, ALL_EVIDENCE, now, kept)),
  ]);
  const plan = school.plans.find((p) => p._id === planIdOf(schoolId, term)) ?? null;
  const items = (plan?.items ?? []).map((i) => itemView(i, school.staff, evidence, plan!));
  const responsibilities = responsibilitiesOf(plan, school);
  const strip = ({ openid: _openid, ...r }: ResponsibilityView & { openid: string | null }): ResponsibilityView => r;
  const ownedBy = new Map((plan?.items ?? []).map((i) => [i.id, i.owner.openid]));
  return {
    schoolId,
    term,
    terms,
    plan: plan && {
      planId: plan._id,
      version: plan.version,
      months: monthsOfTerm(term).map((month) => ({ month, label: monthLabel(month), items: items.filter((i) => i.month === month) })),
      done: items.filter((i) => i.status === 'done').length,
      total: items.length,
      group: plan.group.map((m) => ({
        bindingId: m.bindingId,
        name: school.staff.nameOf(m.openid),
        role: m.role,
        roleLabel: GROUP_ROLE_LABELS[m.role],
        duties: m.duties,
      })),
      responsibilities: viewer.canEdit ? responsibilities.map(strip) : [],
    },
    canEdit: viewer.canEdit,
    mine: {
      responsibilities: responsibilities.filter((r) => r.openid === viewer.openid).map(strip),
      items: items.filter((i) => ownedBy.get(i.id) === viewer.openid),
    },
    staff: viewer.canEdit ? school.staff.options : [],
    classes: viewer.canEdit ? school.classes.map((c) => ({ classId: c._id, name: c.name })) : [],
    symposiums: viewer.canEdit ? [...evidence.symposiums.values()].map((s) => ({ symposiumId: s._id, label: symposiumLabel(s) })) : [],
    evidenceOptions: viewer.canEdit ? evidenceOptions(evidence) : [],
  };
}
