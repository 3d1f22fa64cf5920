import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { invalid } from '../../../core/errors';
import { EMPTY_CALENDAR, loadCalendar, termOf } from '../../../core/familyCalls/calendar';
import { addDays, dateOf, daysBetween, weeklyDates } from '../../../core/familyCalls/clock';
import { callMinutes, quarterClock, weekday } from '../../../core/familyCalls/input';
import { parentBindings, viewContext } from '../../../core/familyCalls/load';
import { KIND, lateDrafts, notice, parentPage, remind, seriesLabel, type Recipient } from '../../../core/familyCalls/notify';
import { cancelReminders } from '../../../core/reminders';
import { findDevice, loadRooms } from '../../../core/familyCalls/rooms';
import { slotProblems } from '../../../core/familyCalls/schedule';
import { bookSeries, CALLS, newOccurrence, newSeriesId } from '../../../core/familyCalls/store';
import { callView } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence, FamilyCallSeries } from '../../../../typings/domain';
import type { BookResult } from '../../../../typings/actions/familyCalls';

/** The longest series: one term (and a bit). */
const MAX_DAYS = 200;

/**
 * Book a child's weekly family video call: a series on one weekday, time and device with the chosen parents, one
 * call per week from startDate to endDate (default: the end of the term), or for `weeks` weeks (1 = a one-off).
 * Every call is checked, not only the first: the room open that day (holidays, make-up workdays, terms), the
 * device's opening hours, the device and the child free. If any call cannot be held, nothing is stored and the
 * answer lists every such date (CONFLICT, details by date); the teacher can book again with those in skipDates.
 */
export default defineHandler('familyCalls.book', {
  input: z
    .object({
      childId: id('儿童ID'),
      deviceId: id('设备ID'),
      weekday: weekday(),
      time: quarterClock('开始时间'),
      minutes: callMinutes(),
      startDate: day('开始日期'),
      endDate: day('结束日期').optional(),
      weeks: z.number({ error: '周数必须是数字' }).int('周数必须是整数').min(1, '至少 1 周').max(30, '最多 30 周').optional(),
      parentBindingIds: z.array(id('家长ID'), { error: '请选择家长' }).min(1, '请至少选择一位家长').max(4, '最多选择 4 位家长'),
      skipDates: z.array(day('跳过的日期'), { error: '跳过的日期格式不正确' }).max(30, '跳过的日期过多').optional(),
      rebookOf: id('补约的通话ID').optional(),
    })
    .strict()
    .refine((i) => !(i.endDate && i.weeks), { message: '结束日期和周数只能填一个', path: ['weeks'] }),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input): Promise<BookResult> {
    const child = ctx.grant.record;
    const today = dateOf(ctx.now);
    if (input.startDate < today) throw invalid('开始日期不能早于今天', 'startDate');

    const [rooms, cal, parents, missed] = await Promise.all([
      loadRooms(ctx.db, child.schoolId),
      loadCalendar(ctx.db, child.schoolId),
      parentBindings(ctx.db, child._id),
      input.rebookOf ? ctx.db.collection(CALLS).doc(input.rebookOf).get() : Promise.resolve({ data: [] }),
    ]);
    const ref = findDevice(rooms, input.deviceId);
    if (!ref || !ref.device.active) throw invalid('请选择本校关爱室里在用的设备', 'deviceId');
    const chosen = [...new Set(input.parentBindingIds)].map((b) => parents.find((p) => p._id === b));
    if (chosen.some((p) => !p)) throw invalid('请选择这个孩子的家长或监护人', 'parentBindingIds');
    const rebook = missed.data[0] as FamilyCallOccurrence | undefined;
    if (input.rebookOf && (!rebook || rebook.childId !== child._id || (rebook.status !== 'missed' && rebook.status !== 'cancelled'))) {
      throw invalid('补约的通话应是这个孩子未接通或已取消的通话', 'rebookOf');
    }

    // The last day: given, or `weeks` weeks, or the end of the term the series starts in.
    const calendar = cal ?? EMPTY_CALENDAR;
    const endDate = input.endDate ?? (input.weeks ? addDays(input.startDate, input.weeks * 7 - 1) : termOf(calendar, input.startDate)?.end);
    if (!endDate) throw invalid('开始日期不在任何学期内：请填写结束日期或周数，或请管理员先设置校历', 'endDate');
    if (endDate < input.startDate) throw invalid('结束日期不能早于开始日期', 'endDate');
    if (daysBetween(input.startDate, endDate) > MAX_DAYS) throw invalid(`一次最多预约 ${MAX_DAYS} 天（约一个学期）`, 'endDate');

    const all = weeklyDates(input.startDate, endDate, input.weekday);
    const skip = new Set(input.skipDates ?? []);
    for (const d of skip) if (!all.includes(d)) throw invalid(`跳过的日期 ${d} 不在这次预约的日期里`, 'skipDates');
    const dates = all.filter((d) => !skip.has(d));
    if (!dates.length) throw invalid('这段时间里没有要预约的通话', 'startDate');

    const series: FamilyCallSeries = {
      _id: newSeriesId(),
      schoolId: child.schoolId,
      classId: child.classId,
      childId: child._id,
      roomId: ref.room._id,
      deviceId: ref.device.id,
      weekday: input.weekday,
      time: input.time,
      minutes: input.minutes,
      startDate: dates[0],
      endDate,
      parentBindingIds: chosen.map((p) => p!._id),
      teacherOpenid: ctx.openid,
      changes: [],
      createdAt: ctx.now,
      createdBy: ctx.openid,
      updatedAt: ctx.now,
    };
    const calls = dates.map((d) => newOccurrence(series, d, ctx.now, input.rebookOf ?? null));
    const problems = slotProblems(dates, input.time, input.minutes, ref.device, calendar, ctx.now);
    await bookSeries(ctx.db, series, calls, problems, (deviceId) => findDevice(rooms, deviceId)?.device.name ?? '设备');

    // Tell the parents; a call so close that its reminder time has passed gets that reminder now.
    const to: Recipient[] = chosen.map((p) => ({ openid: p!.openid, role: p!.role }));
    const body = dates.length === 1 ? `已为${child.name}预约亲情视频：${callView(calls[0], { now: ctx.now, childNames: new Map(), bindings: new Map(), rooms }).when}，请点开确认。` : `已为${child.name}预约每周亲情视频：${seriesLabel(series)}，共 ${dates.length} 次，请点开确认第一次通话。`;
    await remind(
      ctx.db,
      [
        ...notice(KIND.booked, to, { subject: series._id, occurrence: 'booked', title: '亲情视频已预约', body, page: parentPage(calls[0]._id), time: calls[0].startsAt, childName: child.name, schoolId: child.schoolId, childId: child._id, now: ctx.now }),
        ...lateDrafts(calls, to, child.name, ctx.now),
      ],
      ctx.now,
    );
    if (rebook) await cancelReminders(ctx.db, { subjects: [rebook._id], kinds: [KIND.rebook] }, ctx.now);

    const views = await viewContext(ctx.db, child.schoolId, [calls[0]], ctx.now, { rooms, childNames: new Map([[child._id, child.name]]) });
    return { seriesId: series._id, count: calls.length, dates, first: callView(calls[0], views) };
  },
});
