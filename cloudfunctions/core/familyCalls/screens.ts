/**
 * What the family-call screens read, each in one call: a call's detail and how to join it, the parent's calls, a
 * child's contact history, and the teacher's week agenda.
 */
import type { BindingRecord, CallAvailability, FamilyCallOccurrence, PhoneCallRecord } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { CallDetail, CoverageView, HistoryItem, JoinInfo, MyChildCalls, WeekView } from '../../../typings/actions/familyCalls';
import type { Invocation } from '../cloud';
import { scopeIds, type Principal, type Target } from '../access';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { beijing, startOfBeijingWeek } from '../time';
import { addDays, dateOf, dayLabel, startOf, WEEKDAY_NAMES } from './clock';
import { computeCoverage, schoolWeekCoverage } from './coverage';
import { childName, parentBindings, viewContext, type Caller } from './load';
import { providerFor } from './provider';
import { findDevice, loadRooms } from './rooms';
import { isLive, LIVE } from './store';
import { AGENDA_FIELDS, agendaCallView, availabilityView, callView, deviceView, phoneCallView, STATUS_LABELS } from './views';

/** The caller of a screen that says how a call is made (a deployment setting decides). */
type CallerWithSettings = Caller & Pick<Invocation, 'setting'>;

const isStaff = (role: Role) => role === 'admin' || role === 'teacher';

/**
 * One call: for the teacher's record/move screen (with the devices to move to and how many calls follow it in the
 * series) and for the parent's detail (confirm, ask to move); with how the call is made (CallProvider).
 */
export async function callDetail(caller: CallerWithSettings, call: FamilyCallOccurrence, role: Role): Promise<CallDetail> {
  const { db, now } = caller;
  const _ = db.command;
  const staff = isStaff(role);
  const [views, parents, following] = await Promise.all([
    viewContext(db, call.schoolId, [call], now),
    parentBindings(db, call.childId),
    staff
      ? db
          .collection(COLLECTION.familyCalls)
          .where({ seriesId: call.seriesId, _id: _.gt(call._id), status: _.in(LIVE) })
          .count()
      : Promise.resolve({ total: 0 }),
  ]);
  const join = providerFor(caller.setting).joinInfo(call, {
    device: findDevice(views.rooms, call.deviceId)?.device ?? null,
    parents: parents.filter((p) => call.parentBindingIds.includes(p._id)),
    childName: views.childNames.get(call.childId) ?? '孩子',
    side: staff ? 'teacher' : 'parent',
  });
  return {
    call: callView(call, views),
    viewAs: role as CallDetail['viewAs'],
    canManage: staff && isLive(call),
    join,
    following: following.total ?? 0,
    devices: staff ? views.rooms.flatMap((r) => r.devices.filter((d) => d.active).map((d) => deviceView(r, d))) : [],
  };
}

/** Check-in opens 30 minutes before the call and closes an hour after its end. */
const EARLY_MS = 30 * 60000;
const LATE_MS = 60 * 60000;

/** Start the call: how to make it; for the teacher it also records the check-in time (the first one counts). */
export async function joinCall(caller: CallerWithSettings, call: FamilyCallOccurrence, role: Role): Promise<JoinInfo> {
  const { db, now } = caller;
  if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消');
  const staff = isStaff(role);
  if (staff && (now.getTime() < call.startsAt.getTime() - EARLY_MS || now.getTime() > call.endsAt.getTime() + LATE_MS)) {
    throw new AppError('CONFLICT', '不在通话时间内：可在开始前 30 分钟到结束后 1 小时内签到');
  }
  const [rooms, parents, name] = await Promise.all([loadRooms(db, call.schoolId), parentBindings(db, call.childId), childName(db, call.childId)]);
  if (staff && !call.checkedInAt) await db.collection(COLLECTION.familyCalls).where({ _id: call._id, checkedInAt: null }).update({ checkedInAt: now });
  return providerFor(caller.setting).joinInfo(call, {
    device: findDevice(rooms, call.deviceId)?.device ?? null,
    parents: parents.filter((p) => call.parentBindingIds.includes(p._id)),
    childName: name,
    side: staff ? 'teacher' : 'parent',
  });
}

/** A call stays "next" until an hour after it started (the parent may open the page during the call). */
const GRACE_MS = 3600 * 1000;
const MINE_HISTORY = 10;

/**
 * The parent's first screen: for each child they are parent or guardian of, the next call in their words, the calls
 * after it, the latest calls and the times they said they can take calls. The child ids come from the caller's
 * bindings, never from the input.
 */
export async function myCalls(caller: Caller, principal: Principal): Promise<{ children: MyChildCalls[] }> {
  const { db, now } = caller;
  const _ = db.command;
  const mine = principal.bindings.filter((b) => (b.role === 'parent' || b.role === 'guardian') && b.childId) as BindingRecord[];
  const childIds = [...new Set([...scopeIds(principal, 'parent').childIds, ...scopeIds(principal, 'guardian').childIds])];
  if (!childIds.length) return { children: [] };
  const schoolIds = [...new Set(mine.map((b) => b.schoolId).filter((s): s is string => !!s))];
  const calls = db.collection(COLLECTION.familyCalls);
  const [upcomingRes, pastRes, availRes, childRes, rooms] = await Promise.all([
    calls
      .where({ childId: _.in(childIds), startsAt: _.gt(new Date(now.getTime() - GRACE_MS)), status: _.in(LIVE) })
      .orderBy('startsAt', 'asc')
      .limit(100)
      .get(),
    calls
      .where({ childId: _.in(childIds), startsAt: _.lte(now) })
      .orderBy('startsAt', 'desc')
      .limit(MINE_HISTORY * childIds.length)
      .get(),
    db
      .collection(COLLECTION.callAvailability)
      .where({ childId: _.in(childIds), openid: caller.openid })
      .limit(100)
      .get(),
    db
      .collection(COLLECTION.children)
      .where({ _id: _.in(childIds), deletedAt: null })
      .field({ name: true })
      .limit(100)
      .get(),
    Promise.all(schoolIds.map((s) => loadRooms(db, s))).then((r) => r.flat()),
  ]);
  const upcoming = upcomingRes.data as FamilyCallOccurrence[];
  const past = (pastRes.data as FamilyCallOccurrence[]).filter((c) => !upcoming.some((u) => u._id === c._id));
  const names = new Map((childRes.data as { _id: string; name: string }[]).map((c) => [c._id, c.name]));
  const views = await viewContext(db, schoolIds[0] ?? '', [...upcoming, ...past], now, { rooms, childNames: names });
  const availability = availRes.data as CallAvailability[];
  return {
    children: childIds
      .filter((id) => names.has(id))
      .map((childId) => {
        const next = upcoming.filter((c) => c.childId === childId).map((c) => callView(c, views));
        return {
          childId,
          childName: names.get(childId)!,
          next: next[0] ?? null,
          upcoming: next.slice(1, 6),
          history: past
            .filter((c) => c.childId === childId)
            .slice(0, MINE_HISTORY)
            .map((c) => callView(c, views)),
          availability: availabilityView(
            mine.find((b) => b.childId === childId)!,
            availability.find((a) => a.childId === childId) ?? null,
          ),
        };
      }),
  };
}

const HISTORY_PAGE = 20;

/** A child's contact history before `before` (default now), newest first: video calls (any status) and family-phone calls, 20 at a time. */
export async function callHistory(caller: Caller, childId: string, before: string | undefined): Promise<{ items: HistoryItem[]; next: string | null }> {
  const { db } = caller;
  const _ = db.command;
  const until = before ? new Date(before) : caller.now;
  const [calls, phones] = await Promise.all([
    db
      .collection(COLLECTION.familyCalls)
      .where({ childId, startsAt: _.lt(until) })
      .orderBy('startsAt', 'desc')
      .limit(HISTORY_PAGE + 1)
      .get(),
    db
      .collection(COLLECTION.phoneCalls)
      .where({ childId, at: _.lt(until) })
      .orderBy('at', 'desc')
      .limit(HISTORY_PAGE + 1)
      .get(),
  ]);
  const label = (at: Date) => beijing(at).format('M月D日 HH:mm');
  const items: HistoryItem[] = [
    ...(calls.data as FamilyCallOccurrence[]).map((c) => ({
      kind: 'video' as const,
      id: c._id,
      at: c.startsAt.toISOString(),
      label: `${label(c.startsAt)} 亲情视频`,
      minutes: c.outcome?.minutes ?? c.minutes,
      status: c.status,
      statusLabel: STATUS_LABELS[c.status],
      note: c.outcome?.note ?? c.missed?.reason ?? c.cancelled?.reason ?? null,
    })),
    ...(phones.data as PhoneCallRecord[]).map((p) => ({
      kind: 'phone' as const,
      id: p._id,
      at: p.at.toISOString(),
      label: `${label(p.at)} 亲情电话（${p.who}）`,
      minutes: p.minutes,
      status: 'logged' as const,
      statusLabel: '已通话',
      note: p.note,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const page = items.slice(0, HISTORY_PAGE);
  // Both lists were cut at HISTORY_PAGE + 1: whatever was cut lies before the last item shown.
  return { items: page, next: items.length > HISTORY_PAGE ? page[page.length - 1].at : null };
}

const WEEK_MS = 7 * 86400000;
/** The most family-phone calls a class's week lists (the newest; the total is counted). */
const WEEK_PHONES = 40;

/**
 * The week agenda (Beijing ISO week containing `date`, default this week) of a class: every call day by day, the
 * family-phone log, the week's contact coverage and the left-behind children to book for. A whole school's is each
 * class's numbers.
 */
export async function weekAgenda(caller: Caller, target: Target, date: string | undefined): Promise<WeekView> {
  const { db, now } = caller;
  const _ = db.command;
  const monday = startOfBeijingWeek(date ? startOf(date, '12:00') : now);
  if (!target.classId) return schoolWeek(caller, target.schoolId, monday);
  const scope = { classId: target.classId };
  const end = new Date(monday.getTime() + WEEK_MS);
  const phoneWhere = { ...scope, at: _.gte(monday).and(_.lt(end)) };
  const [callRes, phoneRes, phoneCount, coverage, rooms] = await Promise.all([
    db
      .collection(COLLECTION.familyCalls)
      .where({ ...scope, startsAt: _.gte(monday).and(_.lt(end)) })
      .field(AGENDA_FIELDS)
      .orderBy('startsAt', 'asc')
      .limit(1000)
      .get(),
    db.collection(COLLECTION.phoneCalls).where(phoneWhere).orderBy('at', 'desc').limit(WEEK_PHONES).get(),
    db.collection(COLLECTION.phoneCalls).where(phoneWhere).count(),
    computeCoverage(db, scope, monday),
    loadRooms(db, target.schoolId),
  ]);
  const calls = callRes.data as FamilyCallOccurrence[];
  const phones = phoneRes.data as PhoneCallRecord[];
  const names = new Map(coverage.children.map((c) => [c.childId, c.name]));
  // Only the names of children not left behind are still to read (no parents: the agenda does not show them).
  const childIds = [...calls, ...phones].map((c) => c.childId);
  const views = await viewContext(db, target.schoolId, [], now, { rooms, childNames: names, childIds });
  const first = dateOf(monday);
  return {
    ...weekFrame(coverage, { classId: target.classId, schoolId: target.schoolId, name: target.schoolClass?.name ?? '' }),
    days: [0, 1, 2, 3, 4, 5, 6].map((k) => {
      const day = addDays(first, k);
      return { date: day, label: `${dayLabel(day)} ${WEEKDAY_NAMES[k + 1]}`, calls: calls.filter((c) => c.date === day).map((c) => agendaCallView(c, views)) };
    }),
    phoneCalls: phones.map((p) => phoneCallView(p, views.childNames)),
    phoneTotal: phoneCount.total ?? phones.length,
    children: coverage.children.map((c) => ({ childId: c.childId, name: c.name, contactedThisWeek: c.contactedThisWeek, weeksWithout: c.weeksWithout })),
    classes: [],
  };
}

function weekFrame(coverage: Omit<CoverageView, 'flagged'>, scope: WeekView['scope']): Pick<WeekView, 'scope' | 'weekKey' | 'from' | 'to' | 'coverage'> {
  return { scope, weekKey: coverage.weekKey, from: coverage.from, to: coverage.to, coverage: coverage.school };
}

/** A school's week: per class, its calls (counted on the database) and its contact coverage; no call one by one. */
async function schoolWeek(caller: Caller, schoolId: string, monday: Date): Promise<WeekView> {
  const { db } = caller;
  const [coverage, school] = await Promise.all([
    schoolWeekCoverage(db, schoolId, monday),
    db.collection(COLLECTION.schools).doc(schoolId).field({ name: true }).get(),
  ]);
  return {
    ...weekFrame(coverage, { classId: null, schoolId, name: (school.data[0] as { name?: string } | undefined)?.name ?? '' }),
    days: [],
    phoneCalls: [],
    phoneTotal: 0,
    children: [],
    classes: coverage.classes.map((c) => ({ ...c, calls: coverage.calls.get(c.classId)?.calls ?? 0, done: coverage.calls.get(c.classId)?.done ?? 0 })),
  };
}
