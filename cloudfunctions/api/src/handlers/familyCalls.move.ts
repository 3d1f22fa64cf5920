import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { AppError, invalid } from '../../../core/errors';
import { EMPTY_CALENDAR, loadCalendar } from '../../../core/familyCalls/calendar';
import { addDays, dayLabel, mondayOfWeekKey, WEEKDAY_NAMES } from '../../../core/familyCalls/clock';
import { callMinutes, quarterClock, weekday } from '../../../core/familyCalls/input';
import { parentBindings, viewContext } from '../../../core/familyCalls/load';
import { KIND, lateDrafts, notice, parentPage, parentsOf, remind, withdrawUpcoming } from '../../../core/familyCalls/notify';
import { findDevice, loadRooms } from '../../../core/familyCalls/rooms';
import { slotProblem } from '../../../core/familyCalls/schedule';
import { isLive, moveCalls, SERIES, seriesWeekOf, slotFields, thisAndFollowing, type MovePlan, type Problem } from '../../../core/familyCalls/store';
import { callView } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence, Weekday } from '../../../../typings/domain';

const common = { callId: id('通话ID'), time: quarterClock('新的开始时间'), minutes: callMinutes().optional(), deviceId: id('设备ID').optional() };

/**
 * Move a call (scope 'one': to another day and time) or this and every following call of its series (scope
 * 'following': to another weekday and time, each in its own week). Calls keep their ids, so nothing is duplicated;
 * each new time is checked like a booking. A moved call waits for the parents to confirm again; their pending
 * reminders are withdrawn and they are told.
 */
export default defineHandler('familyCalls.move', {
  input: z.discriminatedUnion(
    'scope',
    [z.object({ ...common, scope: z.literal('one'), date: day('新的日期') }).strict(), z.object({ ...common, scope: z.literal('following'), weekday: weekday() }).strict()],
    { error: '请选择只改这一次，还是这次及以后' },
  ),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  async run(ctx, input) {
    const _ = ctx.db.command;
    const call = ctx.grant.record;
    if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消，不能改期');
    const [rooms, cal, parents, calls] = await Promise.all([
      loadRooms(ctx.db, call.schoolId),
      loadCalendar(ctx.db, call.schoolId),
      parentBindings(ctx.db, call.childId),
      input.scope === 'following' ? thisAndFollowing(ctx.db, call) : Promise.resolve([call]),
    ]);
    const ref = findDevice(rooms, input.deviceId ?? call.deviceId);
    if (!ref || !ref.device.active) throw invalid('请选择本校关爱室里在用的设备', 'deviceId');
    const calendar = cal ?? EMPTY_CALENDAR;
    const minutes = input.minutes ?? call.minutes;

    // Each call's new day: the given date, or the new weekday in the week the call is for in its series.
    const dateFor = (c: FamilyCallOccurrence) => (input.scope === 'one' ? input.date : addDays(mondayOfWeekKey(seriesWeekOf(c._id)), (input.weekday as Weekday) - 1));
    const plans: MovePlan[] = calls.map((c) => ({
      call: c,
      to: { date: dateFor(c), time: input.time, minutes, deviceId: ref.device.id, roomId: ref.room._id },
      patch: { status: 'moved', confirmedAt: null, confirmedBy: null, moveRequest: null, movedFrom: _.set({ date: c.date, time: c.time, deviceId: c.deviceId, at: ctx.now, by: ctx.openid }) },
    }));
    const unchanged = plans.every((p) => p.to.date === p.call.date && p.to.time === p.call.time && p.to.minutes === p.call.minutes && p.to.deviceId === p.call.deviceId);
    if (unchanged) throw invalid('新的时间与原来相同', 'time');
    const problems: Problem[] = plans.flatMap((p) => {
      const reason = slotProblem(p.to.date, p.to.time, p.to.minutes, ref.device, calendar, ctx.now);
      return reason ? [{ date: p.to.date, reason }] : [];
    });
    await moveCalls(ctx.db, plans, problems, (deviceId) => findDevice(rooms, deviceId)?.device.name ?? '设备', ctx.now);

    if (input.scope === 'following') {
      await ctx.db
        .collection(SERIES)
        .doc(call.seriesId)
        .update({ weekday: input.weekday, time: input.time, minutes, deviceId: ref.device.id, roomId: ref.room._id, updatedAt: ctx.now, changes: _.push([{ fromDate: plans[0].to.date, weekday: input.weekday, time: input.time, minutes, deviceId: ref.device.id, at: ctx.now, by: ctx.openid }]) });
    }

    // The reminders of the old times go; the parents hear of the new time.
    const moved: FamilyCallOccurrence[] = plans.map((p) => ({ ...p.call, ...slotFields(p.to), status: 'moved', confirmedAt: null, confirmedBy: null, moveRequest: null, movedFrom: { date: p.call.date, time: p.call.time, deviceId: p.call.deviceId, at: ctx.now, by: ctx.openid }, updatedAt: ctx.now }));
    await withdrawUpcoming(ctx.db, calls.map((c) => c._id), ctx.now);
    const views = await viewContext(ctx.db, call.schoolId, [moved[0]], ctx.now, { rooms });
    const childName = views.childNames.get(call.childId) ?? '孩子';
    const to = parentsOf(call, new Map(parents.map((p) => [p._id, p])));
    const first = moved[0];
    const body =
      input.scope === 'one'
        ? `${childName}的亲情视频从 ${dayLabel(call.date)} ${call.time} 改到 ${callView(first, views).when}，请点开确认。`
        : `${childName}的亲情视频从 ${dayLabel(first.date)} 起改为每${WEEKDAY_NAMES[input.weekday]} ${input.time}（共 ${moved.length} 次），请点开确认。`;
    await remind(
      ctx.db,
      [
        ...notice(KIND.moved, to, { subject: call._id, occurrence: `${first.startsAt.toISOString()}|${moved.length}`, title: '亲情视频改期', body, page: parentPage(first._id), time: first.startsAt, childName, schoolId: call.schoolId, childId: call.childId, now: ctx.now }),
        ...lateDrafts(moved, to, childName, ctx.now),
      ],
      ctx.now,
    );
    return { moved: moved.length, call: callView(first, views) };
  },
});
