/**
 * 座谈会: the class (or school) regularly meets the mentors, the left-behind children, their guardians and entrusted
 * guardians (代理家长). The record keeps the day, topic, who came (picked from the care network: mentor and proxy
 * pairings, the children, the guardians on their contact cards, the class teachers), the minutes and decisions.
 */
import type { Writer } from './writer';
import crypto from 'node:crypto';
import type { BindingRecord, Child, ContactCard, Pairing } from '../../../typings/domain';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { ParticipantOption, SymposiumScreen } from '../../../typings/actions/talks';
import type { Target } from '../access';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { PROXY_LABELS } from '../archive/labels';
import { fetchAllRows } from '../familyCalls/load';
import { classTeacherBindings } from '../familyCalls/teachers';
import { beijingDate } from '../time';
import { nicknames, signerOf } from './people';
import type { AttendanceRecord, SymposiumRecord } from './records';
import { isLeftBehind } from './round';
import { symposiumView } from './views';

/** The symposiums that took place: recorded after the fact (no status), or scheduled ahead and held (minutes written). */
export const heldSymposiums = (db: Database) => db.command.nin(['scheduled', 'cancelled']);

const placeWhere = (t: Target) => (t.classId ? { classId: t.classId } : { schoolId: t.schoolId });

const rows = <T>(db: Database, collection: string, where: object, fields: string[]) =>
  fetchAllRows<T>((skip) =>
    db
      .collection(collection)
      .where(where)
      .field(Object.fromEntries(fields.map((f) => [f, true])))
      .skip(skip)
      .limit(1000)
      .get(),
  );

type Candidate = ParticipantOption & { childId: string | null };
type NetworkChild = Pick<Child, '_id' | 'name' | 'schoolId' | 'leftBehindType' | 'deletedAt'>;

/** The children of the class or school, with only what the care network lists of them. */
const networkChildren = (db: Database, t: Target) =>
  rows<NetworkChild>(db, COLLECTION.children, { ...placeWhere(t), deletedAt: null }, ['name', 'schoolId', 'leftBehindType', 'deletedAt']);

/** The class's teachers with their nicknames (the names read as soon as the bindings are in). */
async function namedHeads(db: Database, t: Target): Promise<{ heads: BindingRecord[]; names: Map<string, string> }> {
  const heads = t.classId ? await classTeacherBindings(db, [t.classId]) : [];
  return {
    heads,
    names: await nicknames(
      db,
      heads.map((h) => h.openid),
    ),
  };
}

/**
 * Who may attend, from the care network of the class or school; each with the child it concerns. `children` is the
 * place's children when the caller has already started reading them (the screen audits them meanwhile).
 */
async function candidates(db: Database, t: Target, children = networkChildren(db, t)): Promise<Candidate[]> {
  const where = placeWhere(t);
  const [kids, pairings, cards, { heads, names }] = await Promise.all([
    children,
    rows<Pick<Pairing, '_id' | 'childId' | 'kind' | 'personName' | 'proxyKind'>>(db, COLLECTION.pairings, { ...where, endedAt: null }, [
      'childId',
      'kind',
      'personName',
      'proxyKind',
    ]),
    rows<Pick<ContactCard, 'childId' | 'guardian'>>(db, COLLECTION.contactCards, where, ['childId', 'guardian.name', 'guardian.relation']),
    namedHeads(db, t),
  ]);
  const left = kids.filter(isLeftBehind);
  const nameOf = new Map(kids.map((c) => [c._id, c.name]));
  return [
    ...heads.map((h) => ({ kind: 'teacher' as const, refId: h._id, name: names.get(h.openid) ?? h.label, note: h.label, childId: null })),
    ...pairings
      .filter((p) => p.kind === 'mentor' && nameOf.has(p.childId))
      .map((p) => ({ kind: 'mentor' as const, refId: p._id, name: p.personName ?? '', note: `${nameOf.get(p.childId)}的帮扶教师`, childId: p.childId })),
    ...left.map((c) => ({ kind: 'child' as const, refId: c._id, name: c.name, note: '留守儿童', childId: c._id })),
    ...cards
      .filter((k) => k.guardian && nameOf.has(k.childId))
      .map((k) => ({
        kind: 'guardian' as const,
        refId: k.childId,
        name: k.guardian!.name,
        note: `${nameOf.get(k.childId)}的${k.guardian!.relation}`,
        childId: k.childId,
      })),
    ...pairings
      .filter((p) => p.kind === 'proxy' && nameOf.has(p.childId))
      .map((p) => ({
        kind: 'proxy' as const,
        refId: p._id,
        name: p.personName ?? '',
        note: `${nameOf.get(p.childId)}的${PROXY_LABELS[p.proxyKind ?? 'proxy_parent']}`,
        childId: p.childId,
      })),
  ];
}

/** Who came to these symposiums, by symposium. */
async function attendanceOf(db: Database, records: SymposiumRecord[]): Promise<Map<string, AttendanceRecord[]>> {
  if (!records.length) return new Map();
  const rows = await fetchAllRows<AttendanceRecord>((skip) =>
    db
      .collection(COLLECTION.symposiumAttendance)
      .where({ symposiumId: db.command.in(records.map((r) => r._id)) })
      .skip(skip)
      .limit(1000)
      .get(),
  );
  const out = new Map<string, AttendanceRecord[]>();
  for (const r of rows) out.set(r.symposiumId, [...(out.get(r.symposiumId) ?? []), r]);
  return out;
}

export async function symposiumScreen(db: Database, t: Target, actor: AuditActor, now: Date, scopeName: string): Promise<SymposiumScreen> {
  // Only meetings that took place: one scheduled ahead (activities' meetings) is listed there once held, never when cancelled.
  const where = { ...(t.classId ? { classId: t.classId } : { schoolId: t.schoolId }), status: db.command.nin(['scheduled', 'cancelled']) };
  // Each later read starts as soon as what it needs is in: who came with the meetings, the audit with the children.
  const held = db
    .collection(COLLECTION.symposiums)
    .where(where)
    .orderBy('date', 'desc')
    .limit(20)
    .get()
    .then(async (res) => {
      const records = res.data as SymposiumRecord[];
      return { records, attendance: await attendanceOf(db, records) };
    });
  const children = networkChildren(db, t);
  const audited = children.then((kids) =>
    audit(
      db,
      actor,
      kids.filter(isLeftBehind).map((c) => ({ kind: 'read' as const, schoolId: c.schoolId, childId: c._id, fields: ['name', 'contactCard.guardian.name'] })),
    ),
  );
  const [{ records, attendance }, list] = await Promise.all([held, candidates(db, t, children), audited]);
  return {
    scope: { classId: t.classId, schoolId: t.schoolId, name: scopeName },
    today: beijingDate(now),
    symposiums: records.map((r) => symposiumView(r, attendance.get(r._id) ?? [])),
    candidates: list.map(({ childId: _c, ...option }) => option),
  };
}

/** One symposium per place, day and topic: recorded after the fact or scheduled ahead, it is the same record. */
export const symposiumId = (t: Target, date: string, topic: string) =>
  `sym_${t.classId ?? t.schoolId}_${date.replace(/-/g, '')}_${crypto.createHash('sha256').update(topic).digest('hex').slice(0, 10)}`;

export async function recordSymposium(w: Writer, t: Target, input: ActionInput<'symposiums.record'>): Promise<ActionOutput<'symposiums.record'>> {
  if (input.date > beijingDate(w.now)) throw invalid('座谈会日期不能晚于今天', 'date');
  if (!input.participants.length && !input.others) throw invalid('请选择参加的人员', 'participants');
  const [list, by] = await Promise.all([candidates(w.db, t), signerOf(w.db, w.openid, { label: w.bindingLabel })]);
  const id = symposiumId(t, input.date, input.topic);
  const seen = new Set<string>();
  const attendance: AttendanceRecord[] = input.participants.map((p, i) => {
    const found = list.find((c) => c.kind === p.kind && c.refId === p.refId);
    if (!found) throw invalid('参加人员不在本班的关爱网络中，请刷新后重新选择', `participants.${i}`);
    const rowId = `${id}_${p.kind}_${p.refId}`;
    if (seen.has(rowId)) throw invalid('参加人员有重复', `participants.${i}`);
    seen.add(rowId);
    return { _id: rowId, symposiumId: id, schoolId: t.schoolId, childId: found.childId, kind: found.kind, refId: found.refId, name: found.name };
  });
  const record: SymposiumRecord = {
    _id: id,
    schoolId: t.schoolId,
    classId: t.classId,
    date: input.date,
    topic: input.topic,
    place: input.place,
    others: input.others ?? null,
    minutes: input.minutes,
    decisions: input.decisions,
    by,
    createdAt: w.now,
  };
  await w.db.runTransaction(async (tx: Transaction) => {
    if (docOf(await tx.collection(COLLECTION.symposiums).doc(record._id).get())) throw new AppError('CONFLICT', '这次座谈会已经记录过了');
    await tx.collection(COLLECTION.symposiums).add(record);
    await Promise.all(attendance.map((a) => tx.collection(COLLECTION.symposiumAttendance).add(a)));
    await audit(tx, w.actor, [{ kind: 'change', schoolId: t.schoolId, childId: null, fields: ['symposiums'], note: `座谈会：${input.topic}` }]);
  });
  return symposiumView(record, attendance);
}
