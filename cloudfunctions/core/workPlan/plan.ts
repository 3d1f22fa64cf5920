/**
 * Changes to a work plan: created from the term's template (once: the plan's id is the school's and the term's), an
 * item added, changed or removed, the leading group and the class responsibilities replaced. Every change reads the
 * plan in its transaction, checks what the input names against the school (a month of the term, a teacher of the
 * school, one of its parent meetings and classes) before anything is written, and is audited with the change.
 */
import { randomBytes } from 'node:crypto';
import type { EvidenceRef, WorkPlanActions } from '../../../typings/actions/workPlan';
import type { TermView } from '../../../typings/actions/dashboard';
import type { Database, Transaction } from '../cloud';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { AppError, conflict, invalid } from '../errors';
import { collided, docOf } from '../archive/store';
import { storeOnce } from '../community/once';
import { monthLabel } from './labels';
import { MAX_ITEMS, planIdOf, type WorkItemRecord, type WorkPlanRecord } from './records';
import { loadStaff, type Staff } from './staff';
import { monthsOfTerm, templateItems } from './template';
import { termOf } from './terms';

export interface PlanWriter {
  db: Database;
  actor: AuditActor;
}

const changed = (plan: Pick<WorkPlanRecord, 'schoolId'>, fields: string[]) => ({ kind: 'change' as const, schoolId: plan.schoolId, childId: null, fields });

/** The term's plan from the template; the same request twice (or at once) finds the first one. */
export async function createPlan(w: PlanWriter, schoolId: string, termName: string): Promise<{ planId: string; created: boolean }> {
  const { term } = await termOf(w.db, schoolId, termName, w.actor.now);
  const planId = planIdOf(schoolId, term);
  const plan: WorkPlanRecord = {
    _id: planId,
    schoolId,
    term,
    items: templateItems(term),
    group: [],
    responsibilities: [],
    version: 1,
    createdAt: w.actor.now,
    updatedAt: w.actor.now,
    updatedBy: w.actor.openid,
  };
  return storeOnce<WorkPlanRecord, { planId: string; created: boolean }>(
    w.db,
    COLLECTION.workPlans,
    planId,
    async (tx) => {
      await Promise.all([tx.collection(COLLECTION.workPlans).add(plan), audit(tx, w.actor, [changed(plan, ['workPlan.create', term.name])])]);
      return { planId, created: true };
    },
    () => ({ planId, created: false }),
  );
}

/** Read the plan in the transaction, change it, write it back with its version moved on; a collision asks to retry. */
async function changePlan(w: PlanWriter, planId: string, fields: string[], change: (plan: WorkPlanRecord) => Partial<WorkPlanRecord>): Promise<number> {
  try {
    return await w.db.runTransaction(async (tx: Transaction) => {
      const plan = docOf<WorkPlanRecord>(await tx.collection(COLLECTION.workPlans).doc(planId).get());
      if (!plan) throw new AppError('NOT_FOUND', '工作计划不存在');
      const { _id, ...next } = { ...plan, ...change(plan), version: plan.version + 1, updatedAt: w.actor.now, updatedBy: w.actor.openid };
      await Promise.all([tx.collection(COLLECTION.workPlans).doc(_id).set(next), audit(tx, w.actor, [changed(plan, fields)])]);
      return next.version;
    });
  } catch (err) {
    if (collided(err)) throw conflict('工作计划刚被别人修改，请刷新后再试');
    throw err;
  }
}

function checkMonth(plan: WorkPlanRecord, month: string): void {
  const months = monthsOfTerm(plan.term);
  if (!months.includes(month))
    throw invalid(`${monthLabel(month)}不在${plan.term.name}内（${monthLabel(months[0])}–${monthLabel(months[months.length - 1])}）`, 'month');
}

function checkTeacher(staff: Staff, bindingId: string, path: string) {
  const binding = staff.byBinding.get(bindingId);
  if (!binding) throw invalid('负责人不是本校的老师或管理员', path);
  return binding;
}

async function checkEvidence(db: Database, schoolId: string, evidence: EvidenceRef[]): Promise<void> {
  const ids = evidence.flatMap((e) => (e.kind === 'symposium' ? [e.symposiumId] : []));
  if (!ids.length) return;
  const res = await db
    .collection(COLLECTION.symposiums)
    .where({ _id: db.command.in(ids), schoolId })
    .field({ _id: true })
    .limit(100)
    .get();
  const found = new Set((res.data as { _id: string }[]).map((s) => s._id));
  const missing = evidence.findIndex((e) => e.kind === 'symposium' && !found.has(e.symposiumId));
  if (missing >= 0) throw invalid('这次家长会（座谈会）不存在或不是本校的', `evidence.${missing}.symposiumId`);
}

const sameRef = (a: EvidenceRef, b: EvidenceRef) => JSON.stringify(a) === JSON.stringify(b);

type SaveItem = WorkPlanActions['workPlan.saveItem']['input'];

/** Add an item (no itemId) or change one. */
export async function saveItem(w: PlanWriter, plan: WorkPlanRecord, input: SaveItem): Promise<{ itemId: string; version: number }> {
  checkMonth(plan, input.month);
  const [staff] = await Promise.all([loadStaff(w.db, plan.schoolId), checkEvidence(w.db, plan.schoolId, input.evidence)]);
  const owner = input.owner.kind === 'teacher' ? checkTeacher(staff, input.owner.bindingId, 'owner.bindingId') : null;
  const itemId = input.itemId ?? `i${randomBytes(6).toString('hex')}`;
  const item: WorkItemRecord = {
    id: itemId,
    month: input.month,
    title: input.title,
    owner: owner ? { kind: 'teacher', bindingId: owner._id, openid: owner.openid } : { kind: 'group', bindingId: null, openid: null },
    status: input.status,
    evidence: input.evidence.filter((e, i) => input.evidence.findIndex((x) => sameRef(x, e)) === i),
  };
  const version = await changePlan(w, plan._id, [input.itemId ? 'workPlan.item' : 'workPlan.item.add', itemId], (current) => {
    if (input.itemId && !current.items.some((i) => i.id === input.itemId)) throw new AppError('NOT_FOUND', '计划里没有这一项（可能已被删除）');
    if (!input.itemId && current.items.length >= MAX_ITEMS) throw invalid(`一个学期的计划最多 ${MAX_ITEMS} 项`, 'itemId');
    return { items: input.itemId ? current.items.map((i) => (i.id === itemId ? item : i)) : [...current.items, item] };
  });
  return { itemId, version };
}

export async function removeItem(w: PlanWriter, planId: string, itemId: string): Promise<{ version: number }> {
  const version = await changePlan(w, planId, ['workPlan.item.remove', itemId], (current) => {
    if (!current.items.some((i) => i.id === itemId)) throw new AppError('NOT_FOUND', '计划里没有这一项（可能已被删除）');
    return { items: current.items.filter((i) => i.id !== itemId) };
  });
  return { version };
}

type SaveGroup = WorkPlanActions['workPlan.saveGroup']['input'];

/** The leading group and the responsibilities, replaced as a whole (the editor sends both). */
export async function saveGroup(w: PlanWriter, plan: WorkPlanRecord, input: SaveGroup): Promise<{ version: number }> {
  const [staff, classes] = await Promise.all([
    loadStaff(w.db, plan.schoolId),
    w.db.collection(COLLECTION.classes).where({ schoolId: plan.schoolId, archivedAt: null }).field({ _id: true }).limit(1000).get(),
  ]);
  const classIds = new Set((classes.data as { _id: string }[]).map((c) => c._id));
  const members = input.members.map((m, i) => ({ ...m, openid: checkTeacher(staff, m.bindingId, `members.${i}.bindingId`).openid }));
  const twice = members.findIndex((m, i) => members.findIndex((x) => x.openid === m.openid) !== i);
  if (twice >= 0) throw invalid('同一个人在领导小组里只能出现一次', `members.${twice}.bindingId`);
  if (members.filter((m) => m.role === 'leader').length > 1) throw invalid('领导小组只能有一位组长', 'members');
  const responsibilities = input.responsibilities.map((r, i) => {
    if (!classIds.has(r.classId)) throw invalid('班级不存在或不是本校的', `responsibilities.${i}.classId`);
    return { ...r, openid: checkTeacher(staff, r.bindingId, `responsibilities.${i}.bindingId`).openid };
  });
  const dup = responsibilities.findIndex((r, i) => responsibilities.findIndex((x) => x.classId === r.classId && x.duty === r.duty) !== i);
  if (dup >= 0) throw invalid('同一个班的同一项工作只能由一位老师负责', `responsibilities.${dup}.duty`);
  const version = await changePlan(w, plan._id, ['workPlan.group'], () => ({ group: members, responsibilities }));
  return { version };
}

/** How far a school's plan for the term has got (null when it has none): for the term's 工作总结. */
export async function planProgress(db: Database, schoolId: string, term: TermView): Promise<{ items: number; done: number } | null> {
  const plan = docOf<WorkPlanRecord>(await db.collection(COLLECTION.workPlans).doc(planIdOf(schoolId, term)).get());
  return plan ? { items: plan.items.length, done: plan.items.filter((i) => i.status === 'done').length } : null;
}
