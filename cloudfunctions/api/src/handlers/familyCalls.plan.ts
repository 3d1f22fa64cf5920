import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { invalid } from '../../../core/errors';
import { EMPTY_CALENDAR, loadCalendar, termOf } from '../../../core/familyCalls/calendar';
import { dateOf } from '../../../core/familyCalls/clock';
import { callMinutes } from '../../../core/familyCalls/input';
import { parentBindings, viewContext } from '../../../core/familyCalls/load';
import { seriesLabel } from '../../../core/familyCalls/notify';
import { loadRooms } from '../../../core/familyCalls/rooms';
import { suggestSlots } from '../../../core/familyCalls/schedule';
import { CALLS, LIVE, SERIES } from '../../../core/familyCalls/store';
import { availabilityView, callView, deviceView, parentRef } from '../../../core/familyCalls/views';
import type { CallAvailability, FamilyCallOccurrence, FamilyCallSeries } from '../../../../typings/domain';
import type { PlanView } from '../../../../typings/actions/familyCalls';

const WEEKS_CHECKED = 4;

/**
 * The booking screen in one call: the child's parents and the times they can take calls, the devices and their
 * hours, the child's weekly bookings, and free weekly times that suit both sides over the next four weeks.
 */
export default defineHandler('familyCalls.plan', {
  input: z
    .object({
      childId: id('儿童ID'),
      minutes: callMinutes().optional(),
      parentBindingIds: z.array(id('家长ID'), { error: '家长格式不正确' }).max(10, '家长最多 10 位').optional(),
      startDate: day('开始日期').optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input): Promise<PlanView> {
    const _ = ctx.db.command;
    const child = ctx.grant.record;
    const minutes = input.minutes ?? 30;
    const today = dateOf(ctx.now);
    const from = input.startDate && input.startDate > today ? input.startDate : today;
    const horizon = new Date(ctx.now.getTime() + (WEEKS_CHECKED + 1) * 7 * 86400000);

    const [parents, availRes, rooms, cal, seriesRes, childCalls] = await Promise.all([
      parentBindings(ctx.db, child._id),
      ctx.db.collection('callAvailability').where({ childId: child._id }).limit(100).get(),
      loadRooms(ctx.db, child.schoolId),
      loadCalendar(ctx.db, child.schoolId),
      ctx.db.collection(SERIES).where({ childId: child._id }).limit(100).get(),
      ctx.db.collection(CALLS).where({ childId: child._id, startsAt: _.gt(ctx.now), status: _.in(LIVE) }).orderBy('startsAt', 'asc').limit(200).get(),
    ]);
    const selected = input.parentBindingIds ?? parents.map((p) => p._id);
    if (selected.some((b) => !parents.some((p) => p._id === b))) throw invalid('请选择这个孩子的家长或监护人', 'parentBindingIds');

    const devices = rooms.flatMap((room) => room.devices.map((device) => ({ room, device })));
    const deviceIds = devices.filter((d) => d.device.active).map((d) => d.device.id);
    const deviceCalls = deviceIds.length
      ? await ctx.db.collection(CALLS).where({ deviceId: _.in(deviceIds), startsAt: _.gt(ctx.now).and(_.lt(horizon)), status: _.in(LIVE) }).field({ deviceId: true, childId: true, startsAt: true, endsAt: true }).limit(1000).get()
      : { data: [] };

    const availability = availRes.data as CallAvailability[];
    const upcoming = childCalls.data as FamilyCallOccurrence[];
    const calendar = cal ?? EMPTY_CALENDAR;
    const suggestions = suggestSlots({
      devices,
      availability: availability.filter((a) => selected.includes(a.bindingId)),
      booked: [...(deviceCalls.data as FamilyCallOccurrence[]), ...upcoming],
      childId: child._id,
      cal: calendar,
      minutes,
      from,
      weeks: WEEKS_CHECKED,
      now: ctx.now,
      limit: 8,
    });

    const views = await viewContext(ctx.db, child.schoolId, upcoming, ctx.now, { rooms, childNames: new Map([[child._id, child.name]]) });
    const liveSeries = (seriesRes.data as FamilyCallSeries[]).filter((s) => upcoming.some((c) => c.seriesId === s._id));
    return {
      child: { id: child._id, name: child.name, classId: child.classId },
      parents: parents.map(parentRef),
      availability: parents.map((p) => availabilityView(p, availability.find((a) => a.bindingId === p._id) ?? null)),
      devices: devices.map(({ room, device }) => deviceView(room, device)),
      series: liveSeries.map((s) => {
        const next = upcoming.find((c) => c.seriesId === s._id)!;
        return { id: s._id, label: seriesLabel(s), deviceName: views.rooms.flatMap((r) => r.devices).find((d) => d.id === s.deviceId)?.name ?? '', next: callView(next, views) };
      }),
      suggestions,
      currentTerm: termOf(calendar, from),
      today,
    };
  },
});
