/**
 * Booking a child's weekly family video calls, and the booking screen that prepares it: the parents and the times
 * they can take calls (which they state themselves), the devices, the child's weekly bookings, free weekly times
 * that suit both sides.
 */
import type { BindingRecord, CallAvailability, Child, FamilyCallOccurrence, FamilyCallSeries } from '../../../typings/domain';
import type { AvailabilityView, BookInput, BookResult, PlanView } from '../../../typings/actions/familyCalls';
import type { ActionInput } from '../../../typings/actions';
import { COLLECTION } from '../collections';
import { invalid } from '../errors';
import { cancelReminders, WHEN } from '../reminders';
import { termOf, type CalendarData } from './calendar';
import { addDays, dateOf, daysBetween, weeklyDates } from './clock';
import { changeBy, parentBindings, viewContext, type Caller } from './load';
import { KIND, lateDrafts, notice, parentPage, remind, seriesLabel, type Recipient } from './notify';
import { suggestSlots } from './schedule';
import { loadSite } from './site';
import { bookSeries, findCall, LIVE, newOccurrence, newSeriesId } from './store';
import { callTeachers } from './teachers';
import { availabilityView, callView, deviceView, parentRef } from './views';

/** The longest series: one term (and a bit). */
const MAX_DAYS = 200;
/** How many weeks ahead the booking screen looks for free times. */
const WEEKS_CHECKED = 4;

/**
 * Book the series and its calls, every date checked (room open, device hours, device and child free): if any date
 * cannot be held nothing is stored and the CONFLICT lists them all. The parents are told; a missed call rebooked
 * stops prompting.
 */
export async function bookCalls(caller: Caller, child: Child, input: BookInput): Promise<BookResult> {
  const { db, now } = caller;
  if (input.startDate < dateOf(now)) throw invalid('开始日期不能早于今天', 'startDate');
  const [site, parents, rebook] = await Promise.all([
    loadSite(db, child.schoolId),
    parentBindings(db, child._id),
    input.rebookOf ? findCall(db, input.rebookOf) : Promise.resolve(null),
  ]);
  const ref = site.find(input.deviceId);
  if (!ref || !ref.device.active) throw invalid('请选择本校关爱室里在用的设备', 'deviceId');
  const chosen = chosenParents(parents, input.parentBindingIds);
  if (input.rebookOf && (!rebook || rebook.childId !== child._id || (rebook.status !== 'missed' && rebook.status !== 'cancelled'))) {
    throw invalid('补约的通话应是这个孩子未接通或已取消的通话', 'rebookOf');
  }
  const { dates, endDate } = seriesDates(input, site.calendar);

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
    parentBindingIds: chosen.map((p) => p._id),
    teacherOpenid: caller.openid,
    changes: [],
    createdAt: now,
    createdBy: caller.openid,
    updatedAt: now,
  };
  const calls = dates.map((d) => newOccurrence(series, d, now, input.rebookOf ?? null));
  const problems = site.problems(
    dates.map((date) => ({ date, time: input.time, minutes: input.minutes })),
    ref.device,
    now,
  );
  await bookSeries(db, series, calls, problems, site.deviceName, changeBy(caller, `预约亲情视频 ${calls.length} 次（${seriesLabel(series)}）`));

  const views = await viewContext(db, child.schoolId, [calls[0]], now, {
    rooms: site.rooms,
    childNames: new Map([[child._id, child.name]]),
  });
  const first = callView(calls[0], views);
  await tellBooked(caller, child, series, calls, chosen);
  if (rebook) await cancelReminders(db, { subjects: [rebook._id], kinds: [KIND.rebook] }, now);
  return { seriesId: series._id, count: calls.length, dates, first };
}

/** The chosen parents, each a live parent or guardian of the child. */
function chosenParents(parents: BindingRecord[], ids: string[]): BindingRecord[] {
  const chosen = [...new Set(ids)].map((b) => parents.find((p) => p._id === b));
  if (chosen.some((p) => !p)) throw invalid('请选择这个孩子的家长或监护人', 'parentBindingIds');
  return chosen as BindingRecord[];
}

/** The series' dates: given end, or `weeks` weeks, or to the end of the term it starts in; less the skipped. */
function seriesDates(input: BookInput, calendar: CalendarData): { dates: string[]; endDate: string } {
  const endDate = input.endDate ?? (input.weeks ? addDays(input.startDate, input.weeks * 7 - 1) : termOf(calendar, input.startDate)?.end);
  if (!endDate) throw invalid('开始日期不在任何学期内：请填写结束日期或周数，或请管理员先设置校历', 'endDate');
  if (endDate < input.startDate) throw invalid('结束日期不能早于开始日期', 'endDate');
  if (daysBetween(input.startDate, endDate) > MAX_DAYS) throw invalid(`一次最多预约 ${MAX_DAYS} 天（约一个学期）`, 'endDate');
  const all = weeklyDates(input.startDate, endDate, input.weekday);
  const skip = new Set(input.skipDates ?? []);
  for (const d of skip) if (!all.includes(d)) throw invalid(`跳过的日期 ${d} 不在这次预约的日期里`, 'skipDates');
  const dates = all.filter((d) => !skip.has(d));
  if (!dates.length) throw invalid('这段时间里没有要预约的通话', 'startDate');
  return { dates, endDate };
}

/** Tell the parents; a call so close that its reminder time has passed gets that reminder now. */
async function tellBooked(caller: Caller, child: Child, series: FamilyCallSeries, calls: FamilyCallOccurrence[], parents: BindingRecord[]): Promise<void> {
  const to: Recipient[] = parents.map((p) => ({ openid: p.openid, role: p.role }));
  const body =
    calls.length === 1
      ? `已为${child.name}预约亲情视频：${WHEN}，请点开确认。`
      : `已为${child.name}预约每周亲情视频：${seriesLabel(series)}，共 ${calls.length} 次，请点开确认第一次通话。`;
  await remind(
    caller.db,
    [
      ...notice(KIND.booked, to, {
        subject: series._id,
        occurrence: 'booked',
        title: '亲情视频已预约',
        body,
        page: parentPage(calls[0]._id),
        time: calls[0].startsAt,
        when: calls[0].startsAt,
        childName: child.name,
        schoolId: child.schoolId,
        childId: child._id,
        now: caller.now,
      }),
      ...lateDrafts(calls, to, child.name, caller.now),
    ],
    caller.now,
  );
}

/**
 * The booking screen in one call. Each live series says who gets its agenda and prompts: the teacher who booked
 * it, or, once they no longer teach the class, the class teacher.
 */
export async function planScreen(caller: Caller, child: Child, input: ActionInput<'familyCalls.plan'>): Promise<PlanView> {
  const { db, now } = caller;
  const _ = db.command;
  const minutes = input.minutes ?? 30;
  const today = dateOf(now);
  const from = input.startDate && input.startDate > today ? input.startDate : today;
  const horizon = new Date(now.getTime() + (WEEKS_CHECKED + 1) * 7 * 86400000);
  const [parents, availRes, site, seriesRes, childCalls] = await Promise.all([
    parentBindings(db, child._id),
    db.collection(COLLECTION.callAvailability).where({ childId: child._id }).limit(100).get(),
    loadSite(db, child.schoolId),
    db.collection(COLLECTION.familyCallSeries).where({ childId: child._id }).limit(100).get(),
    db
      .collection(COLLECTION.familyCalls)
      .where({ childId: child._id, startsAt: _.gt(now), status: _.in(LIVE) })
      .orderBy('startsAt', 'asc')
      .limit(200)
      .get(),
  ]);
  const selected = input.parentBindingIds ?? parents.map((p) => p._id);
  if (selected.some((b) => !parents.some((p) => p._id === b))) throw invalid('请选择这个孩子的家长或监护人', 'parentBindingIds');

  const devices = site.rooms.flatMap((room) => room.devices.map((device) => ({ room, device })));
  const deviceIds = devices.filter((d) => d.device.active).map((d) => d.device.id);
  const upcoming = childCalls.data as FamilyCallOccurrence[];
  const liveSeries = (seriesRes.data as FamilyCallSeries[]).filter((s) => upcoming.some((c) => c.seriesId === s._id));
  const [deviceCalls, views, teacherOf] = await Promise.all([
    deviceIds.length
      ? db
          .collection(COLLECTION.familyCalls)
          .where({ deviceId: _.in(deviceIds), startsAt: _.gt(now).and(_.lt(horizon)), status: _.in(LIVE) })
          .field({ deviceId: true, childId: true, startsAt: true, endsAt: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    viewContext(db, child.schoolId, upcoming, now, { rooms: site.rooms, childNames: new Map([[child._id, child.name]]) }),
    callTeachers(db, liveSeries),
  ]);
  const availability = availRes.data as CallAvailability[];
  const suggestions = suggestSlots({
    devices,
    availability: availability.filter((a) => selected.includes(a.bindingId)),
    booked: [...(deviceCalls.data as FamilyCallOccurrence[]), ...upcoming],
    childId: child._id,
    cal: site.calendar,
    minutes,
    from,
    weeks: WEEKS_CHECKED,
    now,
    limit: 8,
  });
  return {
    child: { id: child._id, name: child.name, classId: child.classId },
    parents: parents.map(parentRef),
    availability: parents.map((p) => availabilityView(p, availability.find((a) => a.bindingId === p._id) ?? null)),
    devices: devices.map(({ room, device }) => deviceView(room, device)),
    series: liveSeries.map((s) => {
      const next = upcoming.find((c) => c.seriesId === s._id)!;
      const teacher = teacherOf(s);
      return {
        id: s._id,
        label: seriesLabel(s),
        deviceName: site.find(s.deviceId)?.device.name ?? '',
        next: callView(next, views),
        remindersTo: { labels: teacher.labels, handedOver: teacher.handedOver, text: remindersText(teacher.labels, teacher.handedOver) },
      };
    }),
    suggestions,
    currentTerm: termOf(site.calendar, from),
    today,
  };
}

function remindersText(labels: string[], handedOver: boolean): string {
  if (!labels.length) return '预约的老师已不再负责本班，本班也没有其他老师：提醒暂时没有人接收';
  return handedOver ? `预约的老师已不再负责本班，提醒改发给${labels.join('、')}` : `提醒发给预约的老师（${labels.join('、')}）`;
}

/**
 * A parent or guardian states when they can take calls (outside their work shifts), for one child. One document per
 * parent and child, so saving again replaces what they stated before.
 */
export async function saveAvailability(
  caller: Caller,
  binding: BindingRecord,
  schoolId: string,
  input: ActionInput<'familyCalls.availability'>,
): Promise<AvailabilityView> {
  const doc: Omit<CallAvailability, '_id'> = {
    childId: input.childId,
    schoolId,
    openid: caller.openid,
    bindingId: binding._id,
    slots: input.slots,
    note: input.note ?? null,
    updatedAt: caller.now,
  };
  const _id = `${input.childId}_${caller.openid}`.slice(0, 128);
  await caller.db.collection(COLLECTION.callAvailability).doc(_id).set(doc);
  return availabilityView(binding, { _id, ...doc });
}
