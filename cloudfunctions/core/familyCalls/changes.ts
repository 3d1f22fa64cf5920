/**
 * The teacher's changes to booked calls: move one call or this and the following, cancel, record how a call went;
 * and a parent's confirmation. Calls keep their ids; the slot locks follow (./store.ts); the parents are told.
 */
import type { FamilyCallOccurrence, MissedBy, Weekday } from '../../../typings/domain';
import type { CallView } from '../../../typings/actions/familyCalls';
import type { ActionInput } from '../../../typings/actions';
import { COLLECTION } from '../collections';
import { AppError, invalid } from '../errors';
import { cancelReminders, WHEN } from '../reminders';
import { startOfBeijingWeek } from '../time';
import { addDays, dayLabel, mondayOfWeekKey, WEEKDAY_NAMES } from './clock';
import { changeBy, childName, parentBindings, viewContext, type Caller } from './load';
import { bookPage, KIND, lateDrafts, notice, parentPage, parentsOf, remind, withdrawUpcoming } from './notify';
import { loadSite } from './site';
import { cancelCalls, isLive, moveCalls, seriesWeekOf, slotFields, thisAndFollowing, unchangedSince, updateCallIf, type MovePlan } from './store';
import { callTeachers } from './teachers';
import { callView, MISSED_BY_LABELS } from './views';

/**
 * Move a call ('one': to another day and time) or this and every following call of its series ('following': to
 * another weekday and time, each in its own week). Each new time is checked like a booking. Moved calls wait for
 * the parents to confirm again: their pending reminders are withdrawn and they are told.
 */
export async function moveCall(caller: Caller, call: FamilyCallOccurrence, input: ActionInput<'familyCalls.move'>): Promise<{ moved: number; call: CallView }> {
  const { db, now, openid } = caller;
  const _ = db.command;
  if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消，不能改期');
  const [site, parents, calls] = await Promise.all([
    loadSite(db, call.schoolId),
    parentBindings(db, call.childId),
    input.scope === 'following' ? thisAndFollowing(db, call) : Promise.resolve([call]),
  ]);
  const ref = site.find(input.deviceId ?? call.deviceId);
  if (!ref || !ref.device.active) throw invalid('请选择本校关爱室里在用的设备', 'deviceId');
  const minutes = input.minutes ?? call.minutes;

  // Each call's new day: the given date, or the new weekday in the week the call is for in its series.
  const dateFor = (c: FamilyCallOccurrence) =>
    input.scope === 'one' ? input.date : addDays(mondayOfWeekKey(seriesWeekOf(c._id)), (input.weekday as Weekday) - 1);
  const movedFrom = (c: FamilyCallOccurrence) => ({ date: c.date, time: c.time, deviceId: c.deviceId, at: now, by: openid });
  const plans: MovePlan[] = calls.map((c) => ({
    call: c,
    to: { date: dateFor(c), time: input.time, minutes, deviceId: ref.device.id, roomId: ref.room._id },
    patch: { status: 'moved', confirmedAt: null, confirmedBy: null, moveRequest: null, movedFrom: _.set(movedFrom(c)) },
  }));
  const unchanged = plans.every(
    (p) => p.to.date === p.call.date && p.to.time === p.call.time && p.to.minutes === p.call.minutes && p.to.deviceId === p.call.deviceId,
  );
  if (unchanged) throw invalid('新的时间与原来相同', 'time');
  await moveCalls(
    db,
    plans,
    site.problems(
      plans.map((p) => p.to),
      ref.device,
      now,
    ),
    site.deviceName,
    now,
    changeBy(caller, `亲情视频改期 ${plans.length} 次`),
  );
  if (input.scope === 'following') {
    const rule = { weekday: input.weekday, time: input.time, minutes, deviceId: ref.device.id };
    await db
      .collection(COLLECTION.familyCallSeries)
      .doc(call.seriesId)
      .update({
        ...rule,
        roomId: ref.room._id,
        updatedAt: now,
        changes: _.push([{ fromDate: plans[0].to.date, ...rule, at: now, by: openid }]),
      });
  }

  // The reminders of the old times go; the parents hear of the new time.
  const moved: FamilyCallOccurrence[] = plans.map((p) => ({
    ...p.call,
    ...slotFields(p.to),
    status: 'moved',
    confirmedAt: null,
    confirmedBy: null,
    moveRequest: null,
    movedFrom: movedFrom(p.call),
    updatedAt: now,
  }));
  await withdrawUpcoming(
    db,
    calls.map((c) => c._id),
    now,
  );
  const views = await viewContext(db, call.schoolId, [moved[0]], now, { rooms: site.rooms });
  const name = views.childNames.get(call.childId) ?? '孩子';
  const to = parentsOf(call, new Map(parents.map((p) => [p._id, p])));
  const first = moved[0];
  const body =
    input.scope === 'one'
      ? `${name}的亲情视频从 ${dayLabel(call.date)} ${call.time} 改到 ${WHEN}，请点开确认。`
      : `${name}的亲情视频从 ${dayLabel(first.date)} 起改为每${WEEKDAY_NAMES[input.weekday]} ${input.time}（共 ${moved.length} 次），请点开确认。`;
  await remind(
    db,
    [
      ...notice(KIND.moved, to, {
        subject: call._id,
        occurrence: `${first.startsAt.toISOString()}|${moved.length}`,
        title: '亲情视频改期',
        body,
        page: parentPage(first._id),
        time: first.startsAt,
        when: first.startsAt,
        childName: name,
        schoolId: call.schoolId,
        childId: call.childId,
        now,
      }),
      ...lateDrafts(moved, to, name, now),
    ],
    now,
  );
  return { moved: moved.length, call: callView(first, views) };
}

/**
 * Cancel a call, or this and every following call of its series: their slots are freed, the reminders not yet sent
 * withdrawn (outbox cancelled, inbox entries removed), and the parents told once if the call was still ahead.
 */
export async function cancelCall(caller: Caller, call: FamilyCallOccurrence, input: ActionInput<'familyCalls.cancel'>): Promise<{ cancelled: number }> {
  const { db, now } = caller;
  if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消');
  const calls = input.scope === 'one' ? [call] : await thisAndFollowing(db, call);
  const cancelled = await cancelCalls(db, calls, input.reason ?? null, changeBy(caller, `取消亲情视频${input.reason ? `（${input.reason}）` : ''}`));
  if (!cancelled.length) throw new AppError('CONFLICT', '这次通话已结束或已取消');
  await withdrawUpcoming(db, cancelled, now);
  if (call.startsAt.getTime() <= now.getTime()) return { cancelled: cancelled.length };

  const [parents, name] = await Promise.all([parentBindings(db, call.childId), childName(db, call.childId)]);
  const why = input.reason ? `（${input.reason}）` : '';
  const body =
    cancelled.length === 1
      ? `${name} ${dayLabel(call.date)} ${call.time} 的亲情视频已取消${why}。`
      : `${name}从 ${dayLabel(call.date)} 起的每周亲情视频已取消，共 ${cancelled.length} 次${why}。`;
  const to = parentsOf(call, new Map(parents.map((p) => [p._id, p])));
  await remind(
    db,
    notice(KIND.cancelled, to, {
      subject: call._id,
      occurrence: `${input.scope}|${call.startsAt.toISOString()}`,
      title: '亲情视频已取消',
      body,
      page: parentPage(call._id),
      time: call.startsAt,
      childName: name,
      schoolId: call.schoolId,
      childId: call.childId,
      now,
    }),
    now,
  );
  return { cancelled: cancelled.length };
}

/** A parent or guardian confirms they will take the call (or a teacher records a confirmation given by phone). Twice is fine. */
export async function confirmCall(caller: Caller, call: FamilyCallOccurrence): Promise<CallView> {
  const { db, now } = caller;
  const _ = db.command;
  if (call.status === 'confirmed') return callView(call, await viewContext(db, call.schoolId, [call], now));
  if (call.status !== 'scheduled' && call.status !== 'moved') throw new AppError('CONFLICT', '这次通话已结束或已取消');
  if (call.startsAt.getTime() <= now.getTime()) throw new AppError('CONFLICT', '通话时间已过');
  const patch = { status: 'confirmed' as const, confirmedAt: now, confirmedBy: caller.openid, updatedAt: now };
  const stillOpen = (c: FamilyCallOccurrence) => (c.status === 'scheduled' || c.status === 'moved') && c.startsAt.getTime() === call.startsAt.getTime();
  if (!(await updateCallIf(db, call._id, stillOpen, patch, changeBy(caller, '确认亲情视频'))))
    throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后再确认');
  const saved: FamilyCallOccurrence = { ...call, ...patch };
  return callView(saved, await viewContext(db, call.schoolId, [saved], now));
}

/**
 * Record how a call went once its time has come: done (how long, who joined, a note, the child's mood) or missed
 * (by whom, why). Recording again corrects it. A missed call asks whoever runs it to rebook within the week;
 * recording it as done later withdraws that prompt.
 */
export async function recordOutcome(caller: Caller, call: FamilyCallOccurrence, input: ActionInput<'familyCalls.record'>): Promise<CallView> {
  const { db, now } = caller;
  const _ = db.command;
  if (call.status === 'cancelled') throw new AppError('CONFLICT', '这次通话已取消，不能登记结果');
  if (call.startsAt.getTime() > now.getTime()) throw new AppError('CONFLICT', '通话还没开始，到时间后再登记结果');
  const patch = await outcomePatch(caller, call, input);
  // updatedAt in the condition: two teachers recording at once, the second is told instead of overwriting.
  const fields = {
    ...patch,
    outcome: patch.outcome ? _.set(patch.outcome) : null,
    missed: patch.missed ? _.set(patch.missed) : null,
    moveRequest: null,
    recordedAt: now,
    recordedBy: caller.openid,
    updatedAt: now,
  };
  const note = input.result === 'missed' ? '登记亲情视频结果：未接通' : '登记亲情视频结果：已完成';
  if (!(await updateCallIf(db, call._id, unchangedSince(call), fields, changeBy(caller, note))))
    throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
  const saved: FamilyCallOccurrence = { ...call, ...patch, moveRequest: null, recordedAt: now, recordedBy: caller.openid, updatedAt: now };
  const views = await viewContext(db, call.schoolId, [saved], now);
  if (input.result === 'missed') await promptRebook(caller, saved, views.childNames.get(call.childId) ?? '孩子', input);
  else await cancelReminders(db, { subjects: [call._id], kinds: [KIND.rebook] }, now);
  return callView(saved, views);
}

async function outcomePatch(
  caller: Caller,
  call: FamilyCallOccurrence,
  input: ActionInput<'familyCalls.record'>,
): Promise<Pick<FamilyCallOccurrence, 'status' | 'outcome' | 'missed'>> {
  if (input.result === 'missed') return { status: 'missed', missed: { by: input.by, reason: input.reason }, outcome: null };
  const parents = await parentBindings(caller.db, call.childId);
  const joined = [...new Set(input.joinedBindingIds)].map((b) => parents.find((p) => p._id === b));
  if (joined.some((p) => !p)) throw invalid('参加的家长应是这个孩子的家长或监护人', 'joinedBindingIds');
  if (!joined.length && !input.others) throw invalid('请选择参加通话的家长，或填写其他参加的人', 'joinedBindingIds');
  return {
    status: 'done',
    outcome: {
      minutes: input.minutes,
      joined: joined.map((p) => ({ bindingId: p!._id, label: p!.label })),
      others: input.others ?? null,
      note: input.note ?? null,
      mood: input.mood ?? null,
    },
    missed: null,
  };
}

/** Rebook within the same Beijing week if any of it is left: to whoever runs the call now, and the one recording. */
async function promptRebook(caller: Caller, call: FamilyCallOccurrence, name: string, missed: { by: MissedBy; reason: string }): Promise<void> {
  const { db, now } = caller;
  const weekEnd = new Date(startOfBeijingWeek(call.startsAt).getTime() + 7 * 86400000);
  const when = weekEnd.getTime() > now.getTime() ? '请在本周内补约一次' : '请尽快补约一次';
  const runs = (await callTeachers(db, [call]))(call).to;
  const to = [...runs, { openid: caller.openid, role: 'teacher' as const }].filter((r, i, all) => all.findIndex((x) => x.openid === r.openid) === i);
  await remind(
    db,
    notice(KIND.rebook, to, {
      subject: call._id,
      occurrence: call.startsAt.toISOString(),
      title: `${name}的亲情视频未接通`,
      body: `${name}${call.date} ${call.time} 的亲情视频未接通（${MISSED_BY_LABELS[missed.by]}：${missed.reason}），${when}。`,
      page: bookPage(call.childId, call._id),
      time: call.startsAt,
      childName: name,
      schoolId: call.schoolId,
      childId: call.childId,
      now,
    }),
    now,
  );
}
