/**
 * Home visits (入户走访, 随访记录): what the form holds, recording one, and how it reads. The phone makes the visit's
 * id when the form opens and may send it several times (no signal, a lost answer): the first arrival is stored and
 * every later one answers what was stored. A visit that records a change in the child's situation raises an alert
 * in the same transaction, delivered once the visit is stored (core/alerts/deliver.ts).
 */
import { z } from 'zod';
import type { AlertRecord, Child, SituationChangeKind, Visit } from '../../../typings/domain';
import type { VisitInput, VisitView } from '../../../typings/actions/community';
import type { Database } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { day, id, text } from '../validate';
import { beijingDate, dayjs } from '../time';
import { optText, ageOn } from '../archive/rules';
import type { Actor } from '../archive/store';
import { alertRecord } from '../alerts/record';
import { SITUATION_CHANGES, SITUATION_CHANGE_KINDS } from '../alerts/kinds';
import { deliverRaised } from '../alerts/deliver';
import { assertPastDay, clientId } from './input';
import { storeOnce } from './once';
import { METHOD_LABELS } from './labels';

const opt = (what: string, max: number) => optText(what, max).optional();

export const visitSchema = z
  .object({
    visitId: clientId('走访记录编号'),
    childId: id('儿童ID'),
    date: day('走访日期'),
    method: z.enum(['home', 'phone', 'school'], { error: '请选择走访方式（入户、电话或在校）' }),
    met: text('见到的人', 50),
    situation: z
      .object({
        living: opt('生活情况', 200),
        schooling: opt('上学情况', 200),
        health: opt('身体情况', 200),
        safety: opt('安全情况', 200),
        mood: opt('情绪', 200),
      })
      .strict()
      .optional(),
    guardianCondition: opt('监护人情况', 200),
    findings: opt('发现的问题', 500),
    nextSteps: z
      .array(z.object({ text: text('下一步', 100), due: day('完成日期').nullable().optional() }).strict())
      .max(10, '下一步最多 10 条')
      .optional(),
    change: z
      .object({
        kind: z.enum(SITUATION_CHANGE_KINDS as [SituationChangeKind, ...SituationChangeKind[]], { error: '请选择情况变化的类别' }),
        note: text('情况变化的说明', 200),
      })
      .strict()
      .nullable()
      .optional(),
    savedOnPhoneAt: z.iso.datetime({ offset: true, error: '保存时间格式不正确' }).nullable().optional(),
  })
  .strict();

/** The alert a visit's situation change raises is named after the visit: a retry finds the same one. */
export const visitAlertId = (visitId: string) => `al-${visitId}`;

const SLACK_MS = 5 * 60000;

function checkDays(input: VisitInput, now: Date): void {
  assertPastDay(input.date, now, '走访日期', 'date');
  (input.nextSteps ?? []).forEach((s, i) => {
    if (!s.due) return;
    if (s.due < input.date) throw invalid('下一步的完成日期不能早于走访日期', `nextSteps.${i}.due`);
    if (s.due > dayjs.utc(beijingDate(now)).add(1, 'year').format('YYYY-MM-DD')) throw invalid('下一步的完成日期不能晚于一年后', `nextSteps.${i}.due`);
  });
}

function visitRecord(child: Child, input: VisitInput, actor: Actor & { label: string }, alertId: string | null): Visit {
  const saved = input.savedOnPhoneAt ? new Date(input.savedOnPhoneAt) : null;
  const s = input.situation ?? {};
  return {
    _id: input.visitId,
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    communityId: child.communityId ?? null,
    date: input.date,
    method: input.method,
    met: input.met,
    situation: { living: s.living ?? null, schooling: s.schooling ?? null, health: s.health ?? null, safety: s.safety ?? null, mood: s.mood ?? null },
    guardianCondition: input.guardianCondition ?? null,
    findings: input.findings ?? null,
    nextSteps: (input.nextSteps ?? []).map((n) => ({ text: n.text, due: n.due ?? null })),
    change: input.change ?? null,
    alertId,
    recordedAt: actor.now,
    recordedBy: actor.openid,
    recordedRole: actor.role!,
    recordedLabel: actor.label,
    // A phone's clock may be off: a "saved" time after the arrival is not believed.
    savedOnPhoneAt: saved && saved.getTime() <= actor.now.getTime() + SLACK_MS ? saved : null,
  };
}

function changeAlert(child: Child, visit: Visit, actor: Actor & { label: string }): Omit<AlertRecord, '_id'> {
  const change = visit.change!;
  const guide = SITUATION_CHANGES[change.kind];
  const [, m, d] = visit.date.split('-').map(Number);
  return alertRecord({
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    communityId: child.communityId ?? null,
    kind: 'situation_change',
    change: { kind: change.kind, note: change.note, visitId: visit._id },
    urgent: guide.urgent,
    message: `${child.name}（${ageOn(child.birthDate, actor.now)}岁）：${guide.label}。${change.note}（${actor.label} ${m}月${d}日${METHOD_LABELS[visit.method]}走访发现）`,
    createdAt: actor.now,
    createdBy: actor.openid,
  });
}

/** What a second arrival of a visit answers: the stored one, if it is this person's visit of this child. */
function again(existing: Visit, child: Child, actor: Actor): { visitId: string; created: false; alertId: string | null } {
  if (existing.childId !== child._id || existing.recordedBy !== actor.openid) throw new AppError('CONFLICT', '这条走访记录的编号已被使用，请重新打开表单填写');
  return { visitId: existing._id, created: false, alertId: existing.alertId };
}

/** Record a visit once, whatever number of times it arrives; raise and deliver the alert of a situation change. */
export async function recordVisit(
  db: Database,
  child: Child,
  input: VisitInput,
  actor: Actor & { label: string },
): Promise<{ visitId: string; created: boolean; alertId: string | null }> {
  checkDays(input, actor.now);
  const alertId = input.change ? visitAlertId(input.visitId) : null;
  const visit = visitRecord(child, input, actor, alertId);
  const result = await storeOnce<Visit, { visitId: string; created: boolean; alertId: string | null }>(
    db,
    COLLECTION.visits,
    visit._id,
    async (tx) => {
      await tx.collection(COLLECTION.visits).add(visit);
      if (alertId) await tx.collection(COLLECTION.alerts).add({ _id: alertId, ...changeAlert(child, visit, actor) });
      await audit(tx, actor, [
        {
          kind: 'change',
          schoolId: child.schoolId,
          childId: child._id,
          fields: alertId ? ['visits', 'alerts'] : ['visits'],
          note: `走访记录（${visit.date}，${METHOD_LABELS[visit.method]}）${visit.change ? `：${SITUATION_CHANGES[visit.change.kind].label}` : ''}`,
        },
      ]);
      return { visitId: visit._id, created: true, alertId };
    },
    (existing) => again(existing, child, actor),
  );
  // Delivered once the visit commits. A repeat leaves it be: if a crash came between the two, the alert is still
  // undelivered and the quarter-hour run delivers it.
  if (result.created) await deliverRaised(db, [result.alertId], actor.now);
  return result;
}

export function visitView(v: Visit): VisitView {
  return {
    id: v._id,
    date: v.date,
    method: v.method,
    methodLabel: METHOD_LABELS[v.method],
    met: v.met,
    situation: v.situation,
    guardianCondition: v.guardianCondition,
    findings: v.findings,
    nextSteps: v.nextSteps,
    change: v.change ? { ...v.change, label: SITUATION_CHANGES[v.change.kind]?.label ?? '情况变化' } : null,
    alertId: v.alertId,
    by: v.recordedLabel,
    recordedAt: v.recordedAt.toISOString(),
    savedOnPhoneAt: v.savedOnPhoneAt?.toISOString() ?? null,
  };
}
