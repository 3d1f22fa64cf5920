/**
 * Recording a talk card (谈心记录卡). One transaction writes the card, marks the earlier cards' actions it follows up,
 * opens the individual-plan requirement (a seed concern and no open plan: one is due within 14 days), raises the
 * urgent alert (疑似受到侵害 / 无人照料: admin and mentor only, with the mandatory-report steps) and the audit entry.
 * Then, outside it, the reminders: the alert delivered as every alert is (core/alerts/deliver.ts: to the admins and
 * the mentor, whom it is for), the plan to whoever the talk belongs to, the family summary to the parents and guardians.
 */
import type { Writer } from './writer';
import crypto from 'node:crypto';
import type { AlertRecord, Child } from '../../../typings/domain';
import type { ActionOutput, ActionInput } from '../../../typings/actions';
import type { Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { checkText } from '../contentCheck';
import { docOf } from '../archive/store';
import { newId } from '../archive/ids';
import { addDays, checkRecordDay, dayLabel } from './dates';
import { ALERT_CONCERNS, CONCERN_LABELS, PLAN_CONCERNS, PLAN_DAYS } from './labels';
import { responsibleFor, schoolAdmins, signerOf } from './people';
import type { Signed, StoredAction, TalkRecord } from './records';
import { talkView } from './views';
import { notifyTalk } from './notify';
import { TALK_ALERT } from '../alerts/kinds';
import { alertRecord } from '../alerts/record';
import { deliverRaised } from '../alerts/deliver';

/** One card per child, day and writer: the same card twice (or fifty times at once) has the same id. */
export function talkId(childId: string, date: string, openid: string): string {
  const writer = crypto.createHash('sha256').update(openid).digest('hex').slice(0, 12);
  return `talk_${childId}_${date.replace(/-/g, '')}_${writer}`;
}

function checkInput(input: ActionInput<'talks.record'>, child: Child, now: Date): void {
  checkRecordDay(input.date, child, now, 'date', '谈心日期');
  input.actions.forEach((a, i) => {
    if (a.dueDate < input.date) throw invalid('商定事项的完成日期不能早于谈心日期', `actions.${i}.dueDate`);
  });
  if (input.concerns.length && !input.concernNote) throw invalid('选了发现的问题，请简要说明情况', 'concernNote');
  const pairs = input.followUps.map((f) => `${f.talkId}/${f.actionId}`);
  if (new Set(pairs).size !== pairs.length) throw invalid('同一事项只能跟进一次', 'followUps');
}

/** The earlier cards the follow-ups name, with those actions marked; INVALID_INPUT for one that is not open. */
async function followedUp(
  tx: Transaction,
  child: Child,
  input: ActionInput<'talks.record'>,
  newTalkId: string,
): Promise<{ cards: TalkRecord[]; texts: Map<string, string> }> {
  const ids = [...new Set(input.followUps.map((f) => f.talkId))];
  const cards = await Promise.all(ids.map(async (id) => docOf<TalkRecord>(await tx.collection(COLLECTION.talks).doc(id).get())));
  const texts = new Map<string, string>();
  input.followUps.forEach((f, i) => {
    const card = cards.find((c) => c?._id === f.talkId);
    const action = card?.childId === child._id && card.date <= input.date ? card.actions.find((a) => a.id === f.actionId) : undefined;
    if (!action || action.status !== 'open') throw invalid('要跟进的事项不存在或已经跟进过，请刷新后重试', `followUps.${i}`);
    action.status = f.status;
    action.followUpNote = f.note ?? null;
    action.followedUpOn = input.date;
    action.followedUpIn = newTalkId;
    texts.set(`${f.talkId}/${f.actionId}`, action.text);
  });
  return { cards: cards.filter((c): c is TalkRecord => !!c), texts };
}

function newAlert(child: Child, talk: TalkRecord, audience: string[], actor: AuditActor): AlertRecord {
  const found = talk.concerns.filter((c) => ALERT_CONCERNS.includes(c)).map((c) => CONCERN_LABELS[c]);
  return {
    _id: newId(),
    ...alertRecord({
      schoolId: child.schoolId,
      classId: child.classId,
      childId: child._id,
      kind: TALK_ALERT,
      message: `${dayLabel(talk.date)}谈心发现${child.name}${found.join('、')}，请立即核实，按强制报告制度向有关部门报告并记录`,
      urgent: true,
      createdAt: actor.now,
      createdBy: actor.openid,
      audience,
      source: { kind: 'talk', id: talk._id },
    }),
  };
}

export async function recordTalk(rec: Writer, child: Child, input: ActionInput<'talks.record'>): Promise<ActionOutput<'talks.record'>> {
  const { db, now } = rec;
  checkInput(input, child, now);
  const wantsAlert = input.concerns.some((c) => ALERT_CONCERNS.includes(c));
  const [verdict, talker, responsible, admins] = await Promise.all([
    input.familySummary ? checkText(rec.app, { openid: rec.openid, scene: 'comment', content: input.familySummary }) : Promise.resolve('pass' as const),
    signerOf(db, rec.openid, { label: rec.bindingLabel }, child._id),
    responsibleFor(db, [child]).then((m) => m.get(child._id)!),
    wantsAlert ? schoolAdmins(db, child.schoolId) : Promise.resolve([]),
  ]);
  if (verdict === 'risky') throw invalid('家长可见的小结可能含有不适合的内容，请换一种说法', 'familySummary');

  const talk = newTalk(child, input, talker, now);
  const audience = [...new Set([...admins.map((a) => a.openid), ...responsible.openids])];
  const alert = wantsAlert ? newAlert(child, talk, audience, rec.actor) : null;
  talk.alertId = alert?._id ?? null;
  talk.restrictedTo = alert ? [...new Set([...audience, talker.openid])] : null;
  await db.runTransaction(async (tx: Transaction) => {
    if (docOf(await tx.collection(COLLECTION.talks).doc(talk._id).get()))
      throw new AppError('CONFLICT', `您已填写过${child.name}${dayLabel(input.date)}的谈心记录卡，不能重复填写`);
    const { cards, texts } = await followedUp(tx, child, input, talk._id);
    talk.followUps = input.followUps.map((f) => ({ ...f, note: f.note ?? null, text: texts.get(`${f.talkId}/${f.actionId}`) ?? '' }));
    if (talk.concerns.some((c) => PLAN_CONCERNS.includes(c))) {
      const open = (await tx.collection(COLLECTION.educationPlans).where({ childId: child._id, status: 'open' }).get()).data as { _id: string }[];
      talk.planRequirement = { dueDate: addDays(talk.date, PLAN_DAYS), metAt: open.length ? now : null, planId: open[0]?._id ?? null };
      talk.planPending = !open.length;
    }
    await tx.collection(COLLECTION.talks).add(talk);
    await Promise.all(
      cards.map((c) =>
        tx
          .collection(COLLECTION.talks)
          .doc(c._id)
          .update({ actions: db.command.set(c.actions) }),
      ),
    );
    if (alert) await tx.collection(COLLECTION.alerts).add(alert);
    await audit(tx, rec.actor, [
      { kind: 'change', schoolId: child.schoolId, childId: child._id, fields: ['talks', ...(alert ? ['alerts'] : [])], note: `谈心记录卡 ${input.date}` },
    ]);
  });
  const [sharedWith] = await Promise.all([notifyTalk(db, { child, talk, responsible, now }), deliverRaised(db, [talk.alertId], now)]);
  const planDue = talk.planRequirement && !talk.planRequirement.metAt ? talk.planRequirement.dueDate : null;
  return { talk: talkView(talk, child.name), planDue, alertId: talk.alertId, sharedWith };
}

function newTalk(child: Child, input: ActionInput<'talks.record'>, talker: Signed, now: Date): TalkRecord {
  const actions: StoredAction[] = input.actions.map((a) => ({
    id: newId().slice(0, 12),
    text: a.text,
    owner: a.owner,
    dueDate: a.dueDate,
    status: 'open',
    followUpNote: null,
    followedUpOn: null,
    followedUpIn: null,
  }));
  return {
    _id: talkId(child._id, input.date, talker.openid),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    date: input.date,
    month: input.date.slice(0, 7),
    place: input.place,
    talkerRole: input.talkerRole,
    talker,
    mood: input.mood,
    topics: input.topics,
    childSaid: input.childSaid,
    concerns: input.concerns,
    concernNote: input.concernNote ?? null,
    actions,
    followUps: [],
    familySummary: input.familySummary ?? null,
    planRequirement: null,
    planPending: false,
    alertId: null,
    restrictedTo: null,
    createdAt: now,
  };
}
