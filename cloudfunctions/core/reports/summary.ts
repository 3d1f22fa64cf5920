/**
 * The term's 工作总结: drafted from the records (sections.ts) and kept as the school's own draft once saved, one per
 * school and term (workSummaries, _id = school + term). The school edits it as often as it likes; a save names the
 * version it started from, so two people editing at once do not overwrite each other. Saved with its audit entry.
 */
import crypto from 'node:crypto';
import type { SummarySection, WorkSummaryView } from '../../../typings/actions/reports';
import type { TermView } from '../../../typings/actions/dashboard';
import type { AlertRecord } from '../../../typings/domain';
import type { Database, Transaction } from '../cloud';
import type { Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { docOf } from '../archive/store';
import { ratesOfTally } from '../dashboard/rates';
import { tallyFor, termOf } from '../dashboard/school';
import { dayjs, fromBeijing } from '../time';
import { heldSymposiums } from '../talks/symposiums';
import { caseOf, draftSections, type TermFacts } from './sections';

export interface WorkSummaryRecord {
  _id: string;
  schoolId: string;
  term: string;
  sections: SummarySection[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
  updatedLabel: string | null;
}

export const summaryId = (schoolId: string, term: string) => `${schoolId}_${crypto.createHash('sha256').update(term).digest('hex').slice(0, 12)}`;

/** Everything the draft counts, read at once: the rates, the term's work by kind, the term's alerts. */
export async function termFacts(db: Database, t: Target, term: TermView, asOf: string): Promise<TermFacts> {
  const _ = db.command;
  const from = fromBeijing(`${term.start} 00:00`);
  const to = fromBeijing(`${dayjs.utc(asOf).add(1, 'day').format('YYYY-MM-DD')} 00:00`);
  const days = _.gte(term.start).and(_.lte(asOf));
  const count = (collection: string, where: Record<string, unknown>) =>
    db
      .collection(collection)
      .where({ schoolId: t.schoolId, ...where })
      .count()
      .then((r: { total: number }) => r.total);
  const [counted, talks, videoCalls, phoneCalls, visits, assistance, symposiums, alerts] = await Promise.all([
    tallyFor(db, t, term, asOf),
    count(COLLECTION.talks, { date: days }),
    count(COLLECTION.familyCalls, { status: 'done', startsAt: _.gte(from).and(_.lt(to)) }),
    count(COLLECTION.phoneCalls, { at: _.gte(from).and(_.lt(to)) }),
    count(COLLECTION.visits, { date: days }),
    count(COLLECTION.assistance, { date: days }),
    count(COLLECTION.symposiums, { date: days, status: heldSymposiums(db) }),
    db
      .collection(COLLECTION.alerts)
      .where({ schoolId: t.schoolId, createdAt: _.gte(from).and(_.lt(to)) })
      .field({ kind: true, change: true, urgent: true, resolvedAt: true, classId: true })
      .limit(1000)
      .get(),
  ]);
  const gradeOf = new Map(counted.classes.map((c) => [c._id, c.grade]));
  const cases = (alerts.data as AlertRecord[]).map((a) => caseOf(a, gradeOf));
  return {
    term,
    asOf,
    leftBehind: counted.total.archive.denominator,
    classes: counted.classes.filter((c) => !c.archivedAt).length,
    rates: ratesOfTally(counted.total),
    done: { talks, videoCalls, phoneCalls, visits, assistance, symposiums },
    cases,
  };
}

/** The school's saved draft of the term, or (none saved, or `redraft`) a fresh one from the records. */
export async function workSummary(db: Database, t: Target, termName: string | undefined, redraft: boolean, now: Date): Promise<WorkSummaryView> {
  const { term, terms, asOf } = await termOf(db, t.schoolId, termName, now);
  const saved = docOf<WorkSummaryRecord>(await db.collection(COLLECTION.workSummaries).doc(summaryId(t.schoolId, term.name)).get());
  const meta = { term, terms, savedAt: saved?.updatedAt.toISOString() ?? null, savedBy: saved?.updatedLabel ?? null, version: saved?.version ?? 0 };
  if (saved && !redraft) return { ...meta, sections: saved.sections, saved: true };
  const facts = await termFacts(db, t, term, asOf);
  const sections = await draftSections({ db, schoolId: t.schoolId, term, asOf, facts });
  return { ...meta, sections, saved: false };
}

/** Keep the school's edited draft (the term must exist in the school's calendar). */
export async function saveSummary(
  db: Database,
  t: Target,
  input: { term: string; expectedVersion: number; sections: SummarySection[] },
  actor: AuditActor & { label: string | null },
): Promise<{ version: number; savedAt: string }> {
  const { term } = await termOf(db, t.schoolId, input.term, actor.now);
  const id = summaryId(t.schoolId, term.name);
  return db.runTransaction(async (tx: Transaction) => {
    const current = docOf<WorkSummaryRecord>(await tx.collection(COLLECTION.workSummaries).doc(id).get());
    if ((current?.version ?? 0) !== input.expectedVersion) throw new AppError('CONFLICT', '这份工作总结刚被别人改过，请重新打开后再改');
    const version = input.expectedVersion + 1;
    const record: Omit<WorkSummaryRecord, '_id'> = {
      schoolId: t.schoolId,
      term: term.name,
      sections: input.sections,
      version,
      updatedAt: actor.now,
      updatedBy: actor.openid,
      updatedLabel: actor.label,
    };
    await tx.collection(COLLECTION.workSummaries).doc(id).set(record);
    await audit(tx, actor, [{ kind: 'change', schoolId: t.schoolId, childId: null, fields: ['workSummaries'], note: `保存工作总结（${term.name}）` }]);
    return { version, savedAt: actor.now.toISOString() };
  });
}
