/**
 * 个别教育管理方案 (individual education plan) for a child with 学习严重滑坡, 人格发展不健全, 道德发展失范 or 涉嫌违法:
 * reason, goals, measures, the responsible teacher, review days, reviews with their outcome, and closing with a
 * reason. A child has at most one open plan (ids are `iep_<child>_<n>`: two made at once collide). Making one meets
 * the child's pending requirement from talks, in the same transaction; each change is audited with it.
 */
import type { Writer } from './writer';
import type { Child } from '../../../typings/domain';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf, replacing } from '../archive/store';
import { beijingDate } from '../time';
import { addDays, checkRecordDay, dayLabel } from './dates';
import { signerOf } from './people';
import type { EducationPlanRecord, Signed, TalkRecord } from './records';
import { planView } from './views';
import { childName } from '../familyCalls/load';

const MAX_REVIEW_SPAN_DAYS = 366;

function checkReviewDays(days: string[], after: string, path: string): void {
  days.forEach((d, i) => {
    if (d <= after) throw invalid(`复查日期应晚于${dayLabel(after)}`, `${path}.${i}`);
    if (d > addDays(after, MAX_REVIEW_SPAN_DAYS)) throw invalid('复查日期应在一年之内', `${path}.${i}`);
  });
}

/** The first planned review after the latest one done (or after the start). */
function nextReview(reviewDates: string[], reviews: { date: string }[], start: string): string | null {
  const last =
    reviews
      .map((r) => r.date)
      .sort()
      .pop() ?? start;
  return reviewDates.filter((d) => d > last).sort()[0] ?? null;
}

export async function createPlan(w: Writer, child: Child, input: ActionInput<'plans.create'>): Promise<ActionOutput<'plans.create'>> {
  checkRecordDay(input.startDate, child, w.now, 'startDate', '方案开始日期');
  const reviewDates = [...new Set(input.reviewDates)].sort();
  checkReviewDays(reviewDates, input.startDate, 'reviewDates');
  const by = await signerOf(w.db, w.openid, { label: w.bindingLabel }, child._id);
  const plan = await w.db.runTransaction(async (tx: Transaction) => {
    const existing = (await tx.collection(COLLECTION.educationPlans).where({ childId: child._id }).get()).data as EducationPlanRecord[];
    if (existing.some((p) => p.status === 'open'))
      throw new AppError('CONFLICT', `${child.name}已有进行中的个别教育管理方案：请在原方案里记录复查，或先结束它`);
    const seq = Math.max(0, ...existing.map((p) => p.seq)) + 1;
    const record: EducationPlanRecord = {
      _id: `iep_${child._id}_${seq}`,
      schoolId: child.schoolId,
      classId: child.classId,
      childId: child._id,
      seq,
      status: 'open',
      reasons: input.reasons,
      reasonNote: input.reasonNote,
      goals: input.goals,
      measures: input.measures,
      responsible: input.responsible,
      startDate: input.startDate,
      reviewDates,
      reviews: [],
      nextReview: nextReview(reviewDates, [], input.startDate),
      closed: null,
      createdAt: w.now,
      createdBy: by,
      updatedAt: w.now,
    };
    await tx.collection(COLLECTION.educationPlans).add(record);
    const pending = (await tx.collection(COLLECTION.talks).where({ childId: child._id, planPending: true }).get()).data as TalkRecord[];
    await Promise.all(
      pending.map((t) =>
        tx
          .collection(COLLECTION.talks)
          .doc(t._id)
          .update({ planPending: false, planRequirement: w.db.command.set({ ...t.planRequirement!, metAt: w.now, planId: record._id }) }),
      ),
    );
    await audit(tx, w.actor, [
      {
        kind: 'change',
        schoolId: child.schoolId,
        childId: child._id,
        fields: ['educationPlans', ...(pending.length ? ['talks'] : [])],
        note: '制定个别教育管理方案',
      },
    ]);
    return record;
  });
  return planView(plan, child.name);
}

/** Change an open plan in a transaction: `change` gets the plan as it is now and answers the fields to set. */
async function changeOpenPlan(
  w: Writer,
  loaded: EducationPlanRecord,
  note: string,
  change: (plan: EducationPlanRecord, by: Signed) => Partial<EducationPlanRecord>,
): Promise<EducationPlanRecord> {
  const planId = loaded._id;
  const by = await signerOf(w.db, w.openid, { label: w.bindingLabel }, loaded.childId);
  return w.db.runTransaction(async (tx: Transaction) => {
    const plan = docOf<EducationPlanRecord>(await tx.collection(COLLECTION.educationPlans).doc(planId).get())!;
    if (plan.status !== 'open') throw new AppError('CONFLICT', '这份方案已经结束，不能再修改');
    const fields = { ...change(plan, by), updatedAt: w.now };
    await tx.collection(COLLECTION.educationPlans).doc(planId).update(replacing(w.db, fields));
    await audit(tx, w.actor, [{ kind: 'change', schoolId: plan.schoolId, childId: plan.childId, fields: ['educationPlans'], note }]);
    return { ...plan, ...fields };
  });
}

export async function reviewPlan(w: Writer, plan: EducationPlanRecord, input: ActionInput<'plans.review'>): Promise<ActionOutput<'plans.review'>> {
  if (input.date > beijingDate(w.now)) throw invalid('复查日期不能晚于今天', 'date');
  if (input.date < plan.startDate) throw invalid(`复查日期不能早于方案开始的日期（${dayLabel(plan.startDate)}）`, 'date');
  if (input.nextReviewDate) checkReviewDays([input.nextReviewDate], input.date, 'nextReviewDate');
  const updated = await changeOpenPlan(w, plan, `个别教育管理方案复查 ${input.date}`, (current, by) => {
    if (current.reviews.some((r) => r.date === input.date && r.by.openid === by.openid))
      throw new AppError('CONFLICT', `${dayLabel(input.date)}的复查您已经记录过了`);
    const reviews = [
      ...current.reviews,
      { id: `${input.date}-${current.reviews.length + 1}`, date: input.date, outcome: input.outcome, note: input.note, by, at: w.now },
    ].sort((a, b) => a.date.localeCompare(b.date));
    const reviewDates = [...new Set([...current.reviewDates, ...(input.nextReviewDate ? [input.nextReviewDate] : [])])].sort();
    return { reviews, reviewDates, nextReview: nextReview(reviewDates, reviews, current.startDate) };
  });
  return planView(updated, await childName(w.db, plan.childId));
}

export async function closePlan(w: Writer, plan: EducationPlanRecord, reason: string): Promise<ActionOutput<'plans.close'>> {
  const updated = await changeOpenPlan(w, plan, `结束个别教育管理方案：${reason}`, (_current, by) => ({
    status: 'closed',
    nextReview: null,
    closed: { reason, date: beijingDate(w.now), by, at: w.now },
  }));
  return planView(updated, await childName(w.db, plan.childId));
}

export async function getPlan(db: Database, plan: EducationPlanRecord, actor: AuditActor): Promise<ActionOutput<'plans.get'>> {
  const [name] = await Promise.all([
    childName(db, plan.childId),
    audit(db, actor, [{ kind: 'read', schoolId: plan.schoolId, childId: plan.childId, fields: ['educationPlans'] }]),
  ]);
  return planView(plan, name);
}
