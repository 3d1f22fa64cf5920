/**
 * The class roster (花名册): one row per child with what the list screen needs (flags, completeness, care
 * coverage, this month's card confirmation), built from a handful of queries over the whole class (no N+1).
 */
import type { Database } from '../cloud';
import type { AlertRecord, Child, ContactCard, Pairing } from '../../../typings/domain';
import type { RosterRow, RosterStats } from '../../../typings/actions/archive';
import type { ConsentRecord } from '../consent';
import { startOfBeijingMonth } from '../time';
import { ageOn } from './rules';
import { archiveRate, completeness } from './completeness';

/** The child fields the roster reads (not the whole record). */
export const ROSTER_FIELDS = [
  'name', 'gender', 'birthDate', 'classId', 'schoolId', 'leftBehindType', 'difficulties', 'vulnerableCategories', 'focusSupport',
  'idNumber', 'address', 'health', 'hobbies', 'studySituation', 'studyRecords', 'familySituation', 'updatedAt', 'archiveVersion',
];

/** The archive fields a roster row shows (for the audit log). */
export const ROSTER_AUDIT_FIELDS = ['name', 'gender', 'birthDate', 'leftBehindType', 'difficulties', 'vulnerableCategories', 'focusSupport'];

export interface ClassData {
  children: Child[];
  cards: ContactCard[];
  pairings: Pairing[];
  consents: ConsentRecord[];
  alerts: AlertRecord[];
}

/** Everything about the children of one class, in 1 + 4 parallel queries. */
export async function loadClassData(db: Database, classId: string): Promise<ClassData> {
  const _ = db.command;
  const projection = Object.fromEntries(ROSTER_FIELDS.map((f) => [f, true]));
  const childRes = await db.collection('children').where({ classId, deletedAt: null }).field(projection).limit(1000).get();
  const children = childRes.data as Child[];
  if (children.length === 0) return { children, cards: [], pairings: [], consents: [], alerts: [] };
  const ids = children.map((c) => c._id);
  const [cards, pairings, consents, alerts] = await Promise.all([
    db.collection('contactCards').where({ _id: _.in(ids) }).limit(1000).get(),
    db.collection('pairings').where({ childId: _.in(ids), endedAt: null }).limit(1000).get(),
    db.collection('consents').where({ childId: _.in(ids) }).orderBy('at', 'desc').limit(1000).get(),
    db.collection('alerts').where({ childId: _.in(ids), resolvedAt: null }).limit(1000).get(),
  ]);
  return {
    children,
    cards: cards.data as ContactCard[],
    pairings: pairings.data as Pairing[],
    consents: consents.data as ConsentRecord[],
    alerts: alerts.data as AlertRecord[],
  };
}

export function rosterRows(data: ClassData, now: Date): { rows: RosterRow[]; stats: RosterStats } {
  const card = new Map(data.cards.map((c) => [c.childId, c]));
  const consent = new Map<string, ConsentRecord>();
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
