/**
 * Alerts that reach people. Every alert, whatever raised it (a contact card, an import, a home visit's situation
 * change, a talk's concern), goes to the people around the child (./recipients.ts; a restricted alert only to those
 * of them it is for, ./audience.ts) as a reminder — an inbox entry, and a subscribe message when the
 * person has one left — with the steps to take, and the alert records whom it was delivered to.
 *
 * Delivery happens right after the change that raised the alert commits. Reminders are idempotent by alert and
 * recipient, so delivering twice tells nobody twice; an alert whose delivery was cut short (a crash between the
 * commit and the reminders) is still undelivered, and the quarter-hour scheduler run delivers it
 * (alertDeliverySource).
 */
import type { AlertRecipient, AlertRecord, Child } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { remind, type ReminderDraft, type ReminderSource } from '../reminders';
import { alertGuide, TALK_ALERT } from './kinds';
import { alertRecipients, namedRecipients } from './recipients';
import { maySeeAlert } from './audience';

export const ALERT_REMINDER_KIND = 'alert.raised';

/** The page an alert opens (mini-program path, no leading slash): a talk's alert opens on the talk area's page. */
export const alertPage = (alert: Pick<AlertRecord, '_id' | 'kind'>) =>
  alert.kind === TALK_ALERT ? `areas/talks/pages/alert/index?alertId=${alert._id}` : `areas/community/pages/alert/index?id=${alert._id}`;

/** Undelivered alerts are read this many at a time, up to SWEEP_MAX per scheduler run (the rest wait for the next). */
const SWEEP_BATCH = 100;
const SWEEP_MAX = 500;
/** A change that raised more alerts than this (a big import) delivers the first ones; the scheduler the rest. */
const INLINE_MAX = 100;
/** Updates in flight at once when marking alerts delivered. */
const PARALLEL = 10;

/**
 * Who is told of each alert: the people around the child; of a restricted alert, exactly its audience — those of
 * them it names (and the admins), and the people it names who are not around the child but still work at the school.
 */
async function toldOf(db: Database, alerts: AlertRecord[]): Promise<Map<string, AlertRecipient[]>> {
  const [around, named] = await Promise.all([alertRecipients(db, alerts), namedRecipients(db, alerts)]);
  return new Map(
    alerts.map((a) => {
      const told = (around.get(a._id) ?? []).filter((r) => maySeeAlert(a, r));
      const more = (named.get(a._id) ?? []).filter((r) => !told.some((t) => t.openid === r.openid));
      return [a._id, [...told, ...more]];
    }),
  );
}

function drafts(alert: AlertRecord, recipients: AlertRecipient[], childName: string): ReminderDraft[] {
  const guide = alertGuide(alert);
  const title = `${guide.urgent ? '紧急' : ''}预警：${childName}${guide.label}`;
  const body = `${alert.message}\n请按以下步骤处理：\n${guide.steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}`;
  return recipients.map((r) => ({
    kind: ALERT_REMINDER_KIND,
    to: r.openid,
    role: r.role,
    subject: alert._id,
    occurrence: 'raised',
    template: 'notice',
    fields: { title, note: guide.steps[0], time: alert.createdAt, count: '1' },
    title,
    body,
    page: alertPage(alert),
    schoolId: alert.schoolId,
    childId: alert.childId,
  }));
}

/** The names of these alerts' children, by id (one read). */
export async function alertChildNames(db: Database, alerts: Pick<AlertRecord, 'childId'>[]): Promise<Map<string, string>> {
  const ids = [...new Set(alerts.map((a) => a.childId).filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const res = await db
    .collection(COLLECTION.children)
    .where({ _id: db.command.in(ids) })
    .field({ name: true })
    .limit(1000)
    .get();
  return new Map((res.data as Pick<Child, '_id' | 'name'>[]).map((c) => [c._id, c.name]));
}

/** Deliver these alerts (reminders to the people around each child) and record whom each went to. */
export async function deliverAlerts(db: Database, alerts: AlertRecord[], now: Date): Promise<Map<string, AlertRecipient[]>> {
  if (!alerts.length) return new Map();
  const [told, names] = await Promise.all([toldOf(db, alerts), alertChildNames(db, alerts)]);
  await remind(
    db,
    alerts.flatMap((a) => drafts(a, told.get(a._id) ?? [], names.get(a.childId ?? '') ?? '')),
    now,
  );
  await markDelivered(db, alerts, told, now);
  return told;
}

/** Record on each alert whom it went to (the first delivery's time stays). */
async function markDelivered(db: Database, alerts: AlertRecord[], told: Map<string, AlertRecipient[]>, now: Date): Promise<void> {
  const _ = db.command;
  for (let i = 0; i < alerts.length; i += PARALLEL) {
    await Promise.all(
      alerts.slice(i, i + PARALLEL).map((a) =>
        db
          .collection(COLLECTION.alerts)
          .where({ _id: a._id, deliveredAt: null })
          .update({ recipients: _.set(told.get(a._id) ?? []), deliveredAt: now }),
      ),
    );
  }
}

/** Deliver the alerts with these ids (right after the change that raised them). */
export async function deliverAlertIds(db: Database, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  const res = await db
    .collection(COLLECTION.alerts)
    .where({ _id: db.command.in(ids) })
    .limit(1000)
    .get();
  await deliverAlerts(db, res.data as AlertRecord[], now);
}

/**
 * The scheduler's safety net: open alerts not delivered yet (a delivery cut short, an import's alerts, alerts
 * stored before delivery existed) are delivered on the next quarter-hour run. The drafts are yielded for the engine
 * to store; once it has (the generator resumes after the engine's write), the alerts are marked delivered.
 */
export async function* undeliveredAlertDrafts({ db, now }: { db: Database; now: Date }): AsyncGenerator<ReminderDraft[]> {
  for (let done = 0; done < SWEEP_MAX; done += SWEEP_BATCH) {
    const res = await db.collection(COLLECTION.alerts).where({ deliveredAt: null, resolvedAt: null }).orderBy('createdAt', 'asc').limit(SWEEP_BATCH).get();
    const alerts = res.data as AlertRecord[];
    if (!alerts.length) return;
    const [told, names] = await Promise.all([toldOf(db, alerts), alertChildNames(db, alerts)]);
    yield alerts.flatMap((a) => drafts(a, told.get(a._id) ?? [], names.get(a.childId ?? '') ?? ''));
    await markDelivered(db, alerts, told, now);
    if (alerts.length < SWEEP_BATCH) return;
  }
}

export const alertDeliverySource: ReminderSource = { name: 'alertDelivery', cadence: 'quarterHour', collect: undeliveredAlertDrafts };

/**
 * Deliver right after the change that raised these alerts committed. The change stands whatever happens here: a
 * failure is logged and the next quarter-hour run delivers (the alerts are still undelivered).
 */
export async function deliverRaised(db: Database, ids: (string | null | undefined)[], now: Date): Promise<void> {
  const raised = ids.filter((x): x is string => !!x).slice(0, INLINE_MAX);
  try {
    await deliverAlertIds(db, raised, now);
  } catch (err) {
    console.error('[alerts] delivery failed; the scheduler will deliver', raised, err);
  }
}
