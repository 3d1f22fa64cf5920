/**
 * Family calls in the database: a series (the weekly booking) and one occurrence per week, whose _id is
 * `${seriesId}-${weekKey}`, so a series can never hold two calls for one week, and a repeated write of the same
 * week is refused by the database. Booking, moving and cancelling keep the slot locks (./locks.ts) in step.
 * Every change to a child's calls is audited in the transaction that makes it.
 */
import crypto from 'node:crypto';
import type { FamilyCallOccurrence, FamilyCallSeries, FamilyCallStatus, SlotLock } from '../../../typings/domain';
import type { DateConflict } from '../../../typings/errors';
import { addEach, docOf, type Database, type Transaction } from '../cloud';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { AppError } from '../errors';
import { beijingWeekKey } from '../time';
import { dayLabel, startOf } from './clock';
import { claimLocks, existingLocks, isLockClash, locksOf } from './locks';

/** A call that is still going to happen. */
export const LIVE: FamilyCallStatus[] = ['scheduled', 'moved', 'confirmed'];
export const isLive = (c: Pick<FamilyCallOccurrence, 'status'>) => LIVE.includes(c.status);

export function newSeriesId(): string {
  return 'fs' + crypto.randomBytes(8).toString('hex');
}

export function occurrenceId(seriesId: string, weekKey: string): string {
  return `${seriesId}-${weekKey}`;
}

/** Where and when a call takes place. */
export interface Slot {
  date: string;
  time: string;
  minutes: number;
  deviceId: string;
  roomId: string;
}

/** The fields of a call that follow from its slot. */
export function slotFields(s: Slot): Pick<FamilyCallOccurrence, 'date' | 'time' | 'minutes' | 'deviceId' | 'roomId' | 'startsAt' | 'endsAt' | 'weekKey'> {
  const startsAt = startOf(s.date, s.time);
  return {
    date: s.date,
    time: s.time,
    minutes: s.minutes,
    deviceId: s.deviceId,
    roomId: s.roomId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + s.minutes * 60000),
    weekKey: beijingWeekKey(startsAt),
  };
}

export function newOccurrence(series: FamilyCallSeries, date: string, now: Date, rebookOf: string | null = null): FamilyCallOccurrence {
  const fields = slotFields({ date, time: series.time, minutes: series.minutes, deviceId: series.deviceId, roomId: series.roomId });
  return {
    _id: occurrenceId(series._id, fields.weekKey),
    seriesId: series._id,
    schoolId: series.schoolId,
    classId: series.classId,
    childId: series.childId,
    ...fields,
    status: 'scheduled',
    parentBindingIds: series.parentBindingIds,
    teacherOpenid: series.teacherOpenid,
    confirmedAt: null,
    confirmedBy: null,
    movedFrom: null,
    moveRequest: null,
    checkedInAt: null,
    outcome: null,
    missed: null,
    cancelled: null,
    recordedAt: null,
    recordedBy: null,
    rebookOf,
    createdAt: now,
    updatedAt: now,
  };
}

export function locksOfCall(c: Pick<FamilyCallOccurrence, '_id' | 'childId' | 'deviceId' | 'schoolId' | 'startsAt' | 'minutes'>): SlotLock[] {
  return locksOf({
    occurrenceId: c._id,
    childId: c.childId,
    deviceId: c.deviceId,
    schoolId: c.schoolId,
    startsAt: c.startsAt,
    minutes: c.minutes,
  });
}

/** One date that cannot take the call, and why. */
export interface Problem {
  date: string;
  reason: string;
}

/** CONFLICT listing every date that cannot take the call, one DateConflict each, so the page can offer to skip them. */
export function conflictError(problems: Problem[]): AppError {
  const byDate = new Map<string, string[]>();
  for (const p of problems) byDate.set(p.date, [...new Set([...(byDate.get(p.date) ?? []), p.reason])]);
  const conflicts: DateConflict[] = [...byDate.keys()].sort().map((date) => {
    const reason = byDate.get(date)!.join('，');
    return { date, reason, path: date, message: `${dayLabel(date)}：${reason}` };
  });
  const lines = conflicts.map((c) => c.message);
  const head = lines.length === 1 ? lines[0] : `有 ${lines.length} 次通话无法安排：${lines.slice(0, 3).join('；')}${lines.length > 3 ? ' 等' : ''}`;
  return new AppError('CONFLICT', head, conflicts);
}

/** Which dates the taken locks block, and why. */
function lockProblems(taken: SlotLock[], dateOfLock: Map<string, string>, deviceName: (deviceId: string) => string): Problem[] {
  return taken.map((l) => ({
    date: dateOfLock.get(l._id) ?? '',
    reason: l.kind === 'device' ? `${deviceName(l.deviceId ?? '')}这个时段已被预约` : '孩子这个时段已有其他通话',
  }));
}

/** Who changes a child's calls and what they do, for the audit entry committed with the change. */
export interface CallChange {
  actor: AuditActor;
  note: string;
}

function auditCall(tx: Transaction, change: CallChange, call: Pick<FamilyCallOccurrence, 'schoolId' | 'childId'>): Promise<void> {
  return audit(tx, change.actor, [{ kind: 'change', schoolId: call.schoolId, childId: call.childId, fields: ['familyCalls'], note: change.note }]);
}

/** A lost race (another booking got a quarter first) as the same CONFLICT a visible clash gives. */
function asConflict(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (isLockClash(err)) return new AppError('CONFLICT', '这个时段刚刚被预约了，请换一个时间');
  return err;
}

/**
 * Store a new series with its calls: in one transaction, read the quarters they need; if any is taken, or
 * `problems` (closed days, hours, past) is not empty, refuse with every problem listed; else write the locks
 * first, then the calls and the series.
 */
export async function bookSeries(
  db: Database,
  series: FamilyCallSeries,
  calls: FamilyCallOccurrence[],
  problems: Problem[],
  deviceName: (id: string) => string,
  change: CallChange,
): Promise<void> {
  const locks = calls.flatMap(locksOfCall);
  const dateOfLock = new Map(locks.map((l) => [l._id, calls.find((c) => c._id === l.occurrenceId)!.date]));
  try {
    await db.runTransaction(async (tx: Transaction) => {
      const taken = await existingLocks(
        tx,
        db.command,
        locks.map((l) => l._id),
      );
      const all = [...problems, ...lockProblems(taken, dateOfLock, deviceName)];
      if (all.length) throw conflictError(all);
      // Locks first: a losing transaction fails on them before it writes anything else.
      await claimLocks(tx, locks);
      await Promise.all([addEach(tx, COLLECTION.familyCalls, calls), tx.collection(COLLECTION.familyCallSeries).add(series), auditCall(tx, change, series)]);
    });
  } catch (err) {
    throw asConflict(err);
  }
}

export interface MovePlan {
  call: FamilyCallOccurrence;
  to: Slot;
  /** Other fields to set besides the slot (status, movedFrom, ...). */
  patch: Record<string, unknown>;
}

/**
 * Move calls in place (same ids): in one transaction, check that none changed since it was read (updatedAt),
 * that the new quarters are free (quarters held by the moving calls themselves are fine), add the new locks, update
 * the calls. Afterwards release the quarters they no longer hold.
 */
export async function moveCalls(
  db: Database,
  plans: MovePlan[],
  problems: Problem[],
  deviceName: (id: string) => string,
  now: Date,
  change: CallChange,
): Promise<void> {
  const _ = db.command;
  const ids = plans.map((p) => p.call._id);
  const moving = new Set(ids);
  const next = plans.map((p) => ({ plan: p, fields: slotFields(p.to) }));
  const locks = next.flatMap(({ plan, fields }) => locksOfCall({ ...plan.call, ...fields }));
  const dateOfLock = new Map(locks.map((l) => [l._id, next.find((n) => n.plan.call._id === l.occurrenceId)!.fields.date]));
  try {
    await db.runTransaction(async (tx: Transaction) => {
      const current = (
        await tx
          .collection(COLLECTION.familyCalls)
          .where({ _id: _.in(ids) })
          .limit(1000)
          .get()
      ).data as FamilyCallOccurrence[];
      const stale = plans.some((p) => {
        const c = current.find((x) => x._id === p.call._id);
        return !c || !isLive(c) || c.updatedAt.getTime() !== p.call.updatedAt.getTime();
      });
      if (stale) throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
      const taken = await existingLocks(
        tx,
        _,
        locks.map((l) => l._id),
      );
      const all = [
        ...problems,
        ...lockProblems(
          taken.filter((l) => !moving.has(l.occurrenceId)),
          dateOfLock,
          deviceName,
        ),
      ];
      if (all.length) throw conflictError(all);
      const held = new Set(taken.map((l) => l._id));
      const fresh = locks.filter((l) => !held.has(l._id));
      await claimLocks(tx, fresh);
      await Promise.all([
        ...next.map(({ plan, fields }) =>
          tx
            .collection(COLLECTION.familyCalls)
            .doc(plan.call._id)
            .update({ ...fields, ...plan.patch, updatedAt: now }),
        ),
        auditCall(tx, change, plans[0].call),
      ]);
    });
  } catch (err) {
    throw asConflict(err);
  }
  await db
    .collection(COLLECTION.slotLocks)
    .where({ occurrenceId: _.in(ids), _id: _.nin(locks.map((l) => l._id)) })
    .remove();
}

/**
 * Cancel calls: in one transaction, those still live (a call recorded meanwhile is left alone) become cancelled,
 * audited with it; then their quarters are released. Returns the ids that were cancelled by this request.
 */
export async function cancelCalls(db: Database, calls: FamilyCallOccurrence[], reason: string | null, change: CallChange): Promise<string[]> {
  const _ = db.command;
  const { openid: by, now } = change.actor;
  const ids = calls.filter(isLive).map((c) => c._id);
  if (!ids.length) return [];
  const done = await db.runTransaction(async (tx: Transaction) => {
    const current = await Promise.all(ids.map(async (id) => docOf<FamilyCallOccurrence>(await tx.collection(COLLECTION.familyCalls).doc(id).get())));
    const live = current.filter((c): c is FamilyCallOccurrence => !!c && isLive(c));
    if (!live.length) return [];
    await Promise.all([
      ...live.map((c) =>
        tx
          .collection(COLLECTION.familyCalls)
          .doc(c._id)
          .update({ status: 'cancelled', cancelled: _.set({ reason, at: now, by }), moveRequest: null, updatedAt: now }),
      ),
      auditCall(tx, change, live[0]),
    ]);
    return live.map((c) => c._id);
  });
  if (done.length)
    await db
      .collection(COLLECTION.slotLocks)
      .where({ occurrenceId: _.in(done) })
      .remove();
  return done;
}

/** The week a call belongs to in its series (from its id: moving a call does not change which week's call it is). */
export function seriesWeekOf(callId: string): string {
  const m = /-(\d{4}-W\d{2})$/.exec(callId);
  return m ? m[1] : '';
}

/** This call and the live calls after it in its series ("this and following"), in week order. */
export async function thisAndFollowing(db: Database, call: FamilyCallOccurrence): Promise<FamilyCallOccurrence[]> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.familyCalls)
    .where({ seriesId: call.seriesId, status: _.in(LIVE) })
    .limit(1000)
    .get();
  const week = seriesWeekOf(call._id);
  return (res.data as FamilyCallOccurrence[]).filter((c) => seriesWeekOf(c._id) >= week).sort((a, b) => seriesWeekOf(a._id).localeCompare(seriesWeekOf(b._id)));
}

/** A call by id, or null. */
export async function findCall(db: Database, callId: string): Promise<FamilyCallOccurrence | null> {
  const res = await db.collection(COLLECTION.familyCalls).doc(callId).get();
  return (res.data[0] as FamilyCallOccurrence | undefined) ?? null;
}

/**
 * Change a call only if it is still as it was read (`unchanged` says so of the call as it is now), audited with the
 * change: of two concurrent changes the second is told, instead of overwriting the first. False when the call had
 * changed.
 */
export async function updateCallIf(
  db: Database,
  callId: string,
  unchanged: (current: FamilyCallOccurrence) => boolean,
  patch: Record<string, unknown>,
  change: CallChange,
): Promise<boolean> {
  return db.runTransaction(async (tx: Transaction) => {
    const current = docOf<FamilyCallOccurrence>(await tx.collection(COLLECTION.familyCalls).doc(callId).get());
    if (!current || !unchanged(current)) return false;
    await Promise.all([tx.collection(COLLECTION.familyCalls).doc(callId).update(patch), auditCall(tx, change, current)]);
    return true;
  });
}

/** The call was not changed since `call` was read (its updatedAt). */
export const unchangedSince = (call: Pick<FamilyCallOccurrence, 'updatedAt'>) => (current: FamilyCallOccurrence) =>
  current.updatedAt.getTime() === call.updatedAt.getTime();
