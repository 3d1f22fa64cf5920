/**
 * The class roster (花名册): one row per child with what the list screen needs (flags, completeness, care
 * coverage, this month's card confirmation). The class's children come with their consents and alerts in one
 * aggregation (no N+1, and no second round trip for the children's ids), beside the class's cards and pairings and
 * the classes the caller may switch to; then the read is audited: two round trips after the router's.
 */
import type { Database } from '../cloud';
import type { AlertRecord, Child, ContactCard, Pairing, SchoolClass } from '../../../typings/domain';
import type { RosterOutput, RosterRow, RosterStats } from '../../../typings/actions/archive';
import type { ConsentRecord } from '../consent';
import { scopeIds, type Grant, type Principal } from '../access';
import { audit, type AuditActor } from '../audit';
import { AppError } from '../errors';
import { COLLECTION } from '../collections';
import { beijingMonth, startOfBeijingMonth } from '../time';
import { ageOn } from './rules';
import { archiveRate, completeness, type CardFilled } from './completeness';
import { visibleAlerts } from '../alerts/audience';

/** The child fields the roster reads (not the whole record). */
export const ROSTER_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'classId',
  'schoolId',
  'leftBehindType',
  'difficulties',
  'vulnerableCategories',
  'focusSupport',
  'idNumber',
  'address',
  'health',
  'hobbies',
  'studySituation',
  'studyRecords',
  'familySituation',
  'updatedAt',
  'archiveVersion',
];

/** What a row needs of a contact card (whether it has a parent's phone, a guardian, an emergency contact; its confirmation) and of a pairing. */
const CARD_FIELDS = ['childId', 'confirmedAt', 'parents.phone', 'guardian.name', 'emergency.name'];
const PAIRING_FIELDS = ['childId', 'kind', 'personName'];

/** The archive fields a roster row shows (for the audit log). */
export const ROSTER_AUDIT_FIELDS = ['name', 'gender', 'birthDate', 'leftBehindType', 'difficulties', 'vulnerableCategories', 'focusSupport'];

export interface ClassData {
  children: Child[];
  cards: (CardFilled & Pick<ContactCard, 'childId' | 'confirmedAt'>)[];
  pairings: Pick<Pairing, 'childId' | 'kind' | 'personName'>[];
  consents: Pick<ConsentRecord, 'childId' | 'decision' | 'at'>[];
  alerts: Pick<AlertRecord, 'childId' | 'resolvedAt' | 'audience'>[];
}

/** A child as the aggregation answers it: the roster fields with the consents and alerts joined on the child's id. */
type JoinedChild = Child & Pick<ClassData, 'consents' | 'alerts'>;

const fields = (names: string[]) => Object.fromEntries(names.map((f) => [f, true]));

/**
 * Everything about the children of one class, in one round trip: the children with their consents and alerts
 * joined (consents name only the child), beside the class's contact cards and current pairings, read with only
 * the fields a row is made of (the cards' phones and names do not travel for a yes or no); open alerts, consents
 * newest first.
 */
export async function loadClassData(db: Database, classId: string): Promise<ClassData> {
  const join = (from: string, as: string) => ({ from, localField: '_id', foreignField: 'childId', as });
  // The cloud answers 20 documents of an aggregation (and 100 of a query) unless told otherwise.
  const [res, cards, pairings] = await Promise.all([
    db
      .collection(COLLECTION.children)
      .aggregate()
      .match({ classId, deletedAt: null })
      .project(fields(ROSTER_FIELDS))
      .lookup(join(COLLECTION.consents, 'consents'))
      .lookup(join(COLLECTION.alerts, 'alerts'))
      .limit(1000)
      .end(),
    db.collection(COLLECTION.contactCards).where({ classId }).field(fields(CARD_FIELDS)).limit(1000).get(),
    db.collection(COLLECTION.pairings).where({ classId, endedAt: null }).field(fields(PAIRING_FIELDS)).limit(1000).get(),
  ]);
  const joined = (res as { data: JoinedChild[] }).data;
  return {
    children: joined.map(({ consents: _s, alerts: _a, ...child }) => child as Child),
    cards: cards.data as ClassData['cards'],
    pairings: pairings.data as ClassData['pairings'],
    consents: joined.flatMap((c) => c.consents).sort((a, b) => b.at.getTime() - a.at.getTime()),
    alerts: joined.flatMap((c) => c.alerts.filter((a) => !a.resolvedAt)),
  };
}

/** The classes the caller may switch to: every class of an admin's schools, and the classes a teacher teaches. */
async function reachableClasses(db: Database, principal: Principal): Promise<SchoolClass[]> {
  const _ = db.command;
  const schools = scopeIds(principal, 'admin').schoolIds;
  const taught = scopeIds(principal, 'teacher').classIds;
  const reach = [...(schools.length ? [{ schoolId: _.in(schools) }] : []), ...(taught.length ? [{ _id: _.in(taught) }] : [])];
  const res = await db.collection(COLLECTION.classes).where(_.or(reach)).orderBy('grade', 'asc').orderBy('name', 'asc').limit(1000).get();
  return res.data as SchoolClass[];
}

/**
 * The roster screen of the class the grant names (an admin's school opens at its first class), audited one entry
 * per child. The named class is known before anything is read, so its children and the class list load together.
 */
export async function loadRoster(db: Database, principal: Principal, grant: Grant, now: Date, actor: AuditActor): Promise<RosterOutput> {
  const named = grant.target?.schoolClass;
  const [classes, namedData] = await Promise.all([reachableClasses(db, principal), named ? loadClassData(db, named._id) : null]);
  const schoolClass = named ?? classes.find((c) => !c.archivedAt && c.schoolId === grant.target?.schoolId);
  if (!schoolClass) throw new AppError('NOT_FOUND', '学校还没有班级');
  const data = namedData ?? (await loadClassData(db, schoolClass._id));
  // A restricted alert (a suspected harm) is flagged only to those it names.
  const { rows, stats } = rosterRows({ ...data, alerts: visibleAlerts(data.alerts, { role: grant.role, openid: principal.openid }) }, now);
  await audit(
    db,
    actor,
    rows.map((r) => ({ kind: 'read' as const, schoolId: schoolClass.schoolId, childId: r.id, fields: ROSTER_AUDIT_FIELDS })),
  );
  return {
    schoolClass: { id: schoolClass._id, schoolId: schoolClass.schoolId, name: schoolClass.name, grade: schoolClass.grade },
    classes: classes.filter((c) => !c.archivedAt).map((c) => ({ id: c._id, name: c.name })),
    month: beijingMonth(now),
    stats,
    rows,
  };
}

export function rosterRows(data: ClassData, now: Date): { rows: RosterRow[]; stats: RosterStats } {
  const card = new Map(data.cards.map((c) => [c.childId, c]));
  const consent = new Map<string, ClassData['consents'][number]>();
  for (const c of data.consents) if (!consent.has(c.childId)) consent.set(c.childId, c); // newest first
  const alerts = new Set(data.alerts.map((a) => a.childId));
  const monthStart = startOfBeijingMonth(now).getTime();

  const rows: RosterRow[] = data.children.map((child) => {
    const mine = data.pairings.filter((p) => p.childId === child._id);
    const k = card.get(child._id) ?? null;
    const decision = consent.get(child._id)?.decision ?? 'none';
    const c = completeness(child, k, decision === 'granted');
    return {
      id: child._id,
      name: child.name,
      gender: child.gender,
      age: ageOn(child.birthDate, now),
      leftBehindType: child.leftBehindType,
      difficulties: child.difficulties ?? [],
      vulnerable: child.vulnerableCategories ?? [],
      focus: !!child.focusSupport?.flag,
      consent: decision,
      completeness: c.score,
      archived: c.archived,
      missing: c.missing,
      mentor: mine.find((p) => p.kind === 'mentor')?.personName ?? null,
      buddies: mine.filter((p) => p.kind === 'buddy').length,
      proxies: mine.filter((p) => p.kind === 'proxy').length,
      cardConfirmed: !!k?.confirmedAt && k.confirmedAt.getTime() >= monthStart,
      alert: alerts.has(child._id),
      updatedAt: child.updatedAt ? child.updatedAt.toISOString() : null,
    };
  });

  const leftBehind = rows.filter((r) => r.leftBehindType !== 'not_left_behind');
  const archived = leftBehind.filter((r) => r.archived).length;
  return {
    rows,
    stats: {
      total: rows.length,
      leftBehind: leftBehind.length,
      archived,
      archiveRate: archiveRate(archived, leftBehind.length),
      withoutMentor: leftBehind.filter((r) => !r.mentor).length,
      withoutBuddy: leftBehind.filter((r) => r.buddies === 0).length,
      unconfirmed: leftBehind.filter((r) => !r.cardConfirmed).length,
      alerts: rows.filter((r) => r.alert).length,
      focus: rows.filter((r) => r.focus).length,
    },
  };
}
