/**
 * 帮扶计划 (the term help plan): per child per term of the school calendar, written at the start of term by the class
 * teacher or mentor — goals, time, content, expected stage results, the study buddy (学习帮手) and subjects — with
 * regular records during the term and the end-of-term summary (期末总结) the teacher edits from a draft (./summary.ts)
 * and signs off. Versioned: an edit made on a stale copy is refused. Every change is audited with it.
 */
import type { Writer } from './writer';
import type { Child, SchoolCalendar } from '../../../typings/domain';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { HelpPlanScreen, TermRef } from '../../../typings/actions/talks';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf, replacing } from '../archive/store';
import { newId } from '../archive/ids';
import { loadCalendar } from '../familyCalls/calendar';
import { beijingDate } from '../time';
import { dayLabel } from './dates';
import { signerOf } from './people';
import type { HelpPlanRecord, Signed } from './records';
import { helpPlanView } from './views';

export const helpPlanId = (childId: string, termStart: string) => `hp_${childId}_${termStart.replace(/-/g, '')}`;

const STALE = '帮扶计划已被他人修改，请刷新后重新编辑';
const MAX_RECORDS = 200;

const termsOf = (cal: SchoolCalendar | null): TermRef[] =>
  [...(cal?.terms ?? [])].sort((a, b) => a.start.localeCompare(b.start)).map(({ name, start, end }) => ({ name, start, end }));

/** The term asked for, else the one containing today, else the next one, else the latest. */
function pickTerm(terms: TermRef[], requested: string | undefined, today: string): TermRef | null {
  if (requested) {
    const term = terms.find((t) => t.start === requested);
    if (!term) throw invalid('校历中没有这个学期', 'termStart');
    return term;
  }
  return terms.find((t) => t.start <= today && today <= t.end) ?? terms.find((t) => t.start > today) ?? terms[terms.length - 1] ?? null;
}

export async function helpPlanScreen(db: Database, child: Child, termStart: string | undefined, actor: AuditActor, now: Date): Promise<HelpPlanScreen> {
  const [calendar, plans, classmates, buddies] = await Promise.all([
    loadCalendar(db, child.schoolId),
    db.collection(COLLECTION.helpPlans).where({ childId: child._id }).limit(100).get(),
    db.collection(COLLECTION.children).where({ classId: child.classId, deletedAt: null }).field({ name: true }).orderBy('name', 'asc').limit(200).get(),
    db.collection(COLLECTION.pairings).where({ childId: child._id, kind: 'buddy', endedAt: null }).field({ buddyChildId: true }).limit(10).get(),
    audit(db, actor, [{ kind: 'read', schoolId: child.schoolId, childId: child._id, fields: ['helpPlans'] }]),
  ]);
  const today = beijingDate(now);
  const terms = termsOf(calendar);
  const term = pickTerm(terms, termStart, today);
  const plan = term ? (plans.data as HelpPlanRecord[]).find((p) => p.term.start === term.start) : undefined;
  const classmate = new Map((classmates.data as { _id: string; name: string }[]).map((c) => [c._id, c.name]));
  const buddyName = plan?.buddyChildId ? (classmate.get(plan.buddyChildId) ?? (await liveNames(db, [plan.buddyChildId])).get(plan.buddyChildId) ?? null) : null;
  const paired = new Set((buddies.data as { buddyChildId: string }[]).map((b) => b.buddyChildId));
  return {
    child: { id: child._id, name: child.name, classId: child.classId },
    today,
    term,
    terms,
    plan: plan ? helpPlanView(plan, child.name, buddyName) : null,
    buddies: (classmates.data as { _id: string; name: string }[])
      .filter((c) => c._id !== child._id)
      .map((c) => ({ childId: c._id, name: c.name, buddy: paired.has(c._id) }))
      .sort((a, b) => Number(b.buddy) - Number(a.buddy)),
  };
}

export async function saveHelpPlan(w: Writer, child: Child, input: ActionInput<'helpPlans.save'>): Promise<ActionOutput<'helpPlans.save'>> {
  const [calendar, buddyRes, by] = await Promise.all([
    loadCalendar(w.db, child.schoolId),
    input.buddyChildId ? w.db.collection(COLLECTION.children).doc(input.buddyChildId).field({ name: true, schoolId: true, deletedAt: true }).get() : null,
    signerOf(w.db, w.openid, { label: w.bindingLabel }, child._id),
  ]);
  const term = termsOf(calendar).find((t) => t.start === input.termStart);
  if (!term) throw invalid('请选择校历中的学期（管理员可在「校历」中设置学期）', 'termStart');
  const buddy = buddyRes ? docOf<Pick<Child, '_id' | 'name' | 'schoolId' | 'deletedAt'>>(buddyRes) : null;
  if (input.buddyChildId && (!buddy || buddy.deletedAt || buddy.schoolId !== child.schoolId || buddy._id === child._id))
    throw invalid('学习帮手请选择本校的其他同学', 'buddyChildId');
  const id = helpPlanId(child._id, term.start);
  const fields = {
    goals: input.goals,
    schedule: input.schedule,
    content: input.content,
    expected: input.expected,
    buddyChildId: buddy?._id ?? null,
    subjects: input.subjects,
    updatedAt: w.now,
  };
  const saved = await w.db.runTransaction(async (tx: Transaction) => {
    const current = docOf<HelpPlanRecord>(await tx.collection(COLLECTION.helpPlans).doc(id).get());
    if (!current && input.expectedVersion !== 0) throw new AppError('CONFLICT', STALE);
    if (current && current.version !== input.expectedVersion)
      throw new AppError('CONFLICT', input.expectedVersion === 0 ? '本学期的帮扶计划已经有人填写了，请刷新后再修改' : STALE);
    const record: HelpPlanRecord = current
      ? { ...current, ...fields, version: current.version + 1 }
      : {
          _id: id,
          schoolId: child.schoolId,
          classId: child.classId,
          childId: child._id,
          term,
          ...fields,
          records: [],
          summary: null,
          version: 1,
          createdAt: w.now,
          createdBy: by,
        };
    if (current)
      await tx
        .collection(COLLECTION.helpPlans)
        .doc(id)
        .update(replacing(w.db, { ...fields, version: record.version }));
    else await tx.collection(COLLECTION.helpPlans).add(record);
    await audit(tx, w.actor, [{ kind: 'change', schoolId: child.schoolId, childId: child._id, fields: ['helpPlans'], note: `${term.name}帮扶计划` }]);
    return record;
  });
  return helpPlanView(saved, child.name, buddy?.name ?? null);
}

/** Change a stored plan in a transaction; `change` sees it as it is now and answers the fields to set. */
async function changePlan(w: Writer, loaded: HelpPlanRecord, note: string, change: (plan: HelpPlanRecord, by: Signed) => Partial<HelpPlanRecord>) {
  const by = await signerOf(w.db, w.openid, { label: w.bindingLabel }, loaded.childId);
  const plan = await w.db.runTransaction(async (tx: Transaction) => {
    const current = docOf<HelpPlanRecord>(await tx.collection(COLLECTION.helpPlans).doc(loaded._id).get())!;
    const fields = { ...change(current, by), updatedAt: w.now, version: current.version + 1 };
    await tx.collection(COLLECTION.helpPlans).doc(loaded._id).update(replacing(w.db, fields));
    await audit(tx, w.actor, [{ kind: 'change', schoolId: current.schoolId, childId: current.childId, fields: ['helpPlans'], note }]);
    return { ...current, ...fields };
  });
  const names = await liveNames(w.db, [plan.childId, ...(plan.buddyChildId ? [plan.buddyChildId] : [])]);
  return helpPlanView(plan, names.get(plan.childId) ?? '', plan.buddyChildId ? (names.get(plan.buddyChildId) ?? null) : null);
}

/** The names of these children, of those still at school. */
export async function liveNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const res = await db
    .collection(COLLECTION.children)
    .where({ _id: db.command.in(ids), deletedAt: null })
    .field({ name: true })
    .limit(100)
    .get();
  return new Map((res.data as { _id: string; name: string }[]).map((c) => [c._id, c.name]));
}

export function recordHelp(w: Writer, plan: HelpPlanRecord, input: ActionInput<'helpPlans.record'>): Promise<ActionOutput<'helpPlans.record'>> {
  if (input.date > beijingDate(w.now)) throw invalid('记录日期不能晚于今天', 'date');
  if (input.date < plan.term.start || input.date > plan.term.end)
    throw invalid(`记录日期应在本学期内（${dayLabel(plan.term.start)}–${dayLabel(plan.term.end)}）`, 'date');
  return changePlan(w, plan, `帮扶记录 ${input.date}`, (current, by) => {
    if (current.records.length >= MAX_RECORDS) throw new AppError('CONFLICT', `每学期最多 ${MAX_RECORDS} 条帮扶记录`);
    const records = [...current.records, { id: newId().slice(0, 12), date: input.date, text: input.text, by, at: w.now }].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
    return { records };
  });
}

export function signSummary(w: Writer, plan: HelpPlanRecord, input: ActionInput<'helpPlans.signSummary'>): Promise<ActionOutput<'helpPlans.signSummary'>> {
  return changePlan(w, plan, `${plan.term.name}期末总结签字`, (current, by) => {
    if (current.version !== input.expectedVersion) throw new AppError('CONFLICT', STALE);
    return { summary: { text: input.text, updatedAt: w.now, signedOff: { by, at: w.now } } };
  });
}
