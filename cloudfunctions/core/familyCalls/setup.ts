/**
 * What the admin sets up for calls: the care rooms with their devices and opening hours, and the school calendar.
 * Both are versioned: a change names the version the page read, and of two concurrent saves only one lands.
 */
import crypto from 'node:crypto';
import type { CallDevice, FamilyCallOccurrence, Room, SchoolCalendar } from '../../../typings/domain';
import type { CalendarView, RoomView } from '../../../typings/actions/familyCalls';
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import { COLLECTION } from '../collections';
import { AppError, invalid } from '../errors';
import { calendarProblems, dayInfo, EMPTY_CALENDAR, loadCalendar, termOf } from './calendar';
import { dateOf } from './clock';
import type { Caller } from './load';
import { loadRooms } from './rooms';
import { LIVE } from './store';
import { roomView } from './views';

const MAX_ROOMS = 20;

/** The record a rooms.save rule hands over: the room it names, or the school when it names none (a new room). */
export const isRoom = (record: Room | { _id: string }): record is Room => 'devices' in record;

/** The school's rooms, oldest first. */
export async function listRooms(caller: Caller, schoolId: string): Promise<{ rooms: RoomView[] }> {
  const rooms = await loadRooms(caller.db, schoolId);
  return { rooms: rooms.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(roomView) };
}

/**
 * Create a room (`existing` null) or change one at the version the page read. A device with calls still booked
 * cannot be removed or switched off: those calls are moved or cancelled first.
 */
export async function saveRoom(caller: Caller, schoolId: string, existing: Room | null, input: ActionInput<'rooms.save'>): Promise<RoomView> {
  const { db, now } = caller;
  const _ = db.command;
  if (existing && existing.schoolId !== schoolId) throw invalid('关爱室不属于这所学校', 'roomId');
  if (!existing && (await loadRooms(db, schoolId)).length >= MAX_ROOMS) throw new AppError('CONFLICT', `每所学校最多 ${MAX_ROOMS} 个关爱室`);
  const devices = roomDevices(existing, input.devices);
  const leaving = (existing?.devices ?? []).map((d) => d.id).filter((id) => !devices.some((d) => d.id === id && d.active));
  if (leaving.length) {
    const booked = await db
      .collection(COLLECTION.familyCalls)
      .where({ deviceId: _.in(leaving), startsAt: _.gt(now), status: _.in(LIVE) })
      .count();
    if ((booked.total ?? 0) > 0) throw new AppError('CONFLICT', `要停用或删除的设备还有 ${booked.total} 次预约的通话，请先改期或取消`);
  }

  const fields = { name: input.name, location: input.location ?? null, devices, updatedAt: now, updatedBy: caller.openid };
  if (existing) {
    const stale = () => new AppError('CONFLICT', '关爱室信息已被他人修改，请刷新后再改');
    if (existing.version !== input.expectedVersion) throw stale();
    const res = await db
      .collection(COLLECTION.rooms)
      .where({ _id: existing._id, version: existing.version })
      .update({ ...fields, devices: _.set(devices), version: existing.version + 1 });
    if (!res.updated) throw stale();
    return roomView({ ...existing, ...fields, version: existing.version + 1 });
  }
  const room: Room = { _id: 'room' + crypto.randomBytes(6).toString('hex'), schoolId, ...fields, version: 1, createdAt: now };
  await db.collection(COLLECTION.rooms).add(room);
  return roomView(room);
}

/** The devices as saved: names unique in the room, ids only of the room's own devices, a new id for a new one. */
function roomDevices(existing: Room | null, input: ActionInput<'rooms.save'>['devices']): CallDevice[] {
  const names = input.map((d) => d.name);
  if (new Set(names).size !== names.length) throw invalid('同一个关爱室里的设备名称不能重复', 'devices');
  const known = new Set((existing?.devices ?? []).map((d) => d.id));
  if (input.some((d) => d.id && !known.has(d.id))) throw invalid('设备不属于这个关爱室', 'devices');
  return input.map((d) => ({
    id: d.id ?? 'dev' + crypto.randomBytes(6).toString('hex'),
    name: d.name,
    kind: d.kind,
    wechatName: d.wechatName ?? null,
    hours: d.hours,
    active: d.active ?? true,
  }));
}

/** The school calendar (校历), empty at version 0 until the admin saves one. */
export async function calendarView(caller: Caller, schoolId: string): Promise<CalendarView> {
  const data = (await loadCalendar(caller.db, schoolId)) ?? { ...EMPTY_CALENDAR, version: 0 };
  return {
    schoolId,
    terms: data.terms,
    holidays: data.holidays,
    makeUpDays: data.makeUpDays,
    version: data.version,
    currentTerm: termOf(data, dateOf(caller.now)),
  };
}

/**
 * Save the calendar at the version read (0 for the first save). The answer lists the calls already booked on days
 * the new calendar closes, so they can be moved or cancelled.
 */
export async function saveCalendar(caller: Caller, input: ActionInput<'calendar.save'>): Promise<ActionOutput<'calendar.save'>> {
  const { db, now } = caller;
  const _ = db.command;
  const data = { terms: input.terms, holidays: input.holidays, makeUpDays: input.makeUpDays };
  const problems = calendarProblems(data);
  if (problems.length) throw new AppError('INVALID_INPUT', problems[0].message, problems);

  const doc: SchoolCalendar = {
    _id: input.schoolId,
    schoolId: input.schoolId,
    ...data,
    version: input.expectedVersion + 1,
    updatedAt: now,
    updatedBy: caller.openid,
  };
  const stale = () => new AppError('CONFLICT', '校历已被他人修改，请刷新后再改');
  if (input.expectedVersion === 0) {
    try {
      await db.collection(COLLECTION.schoolCalendars).add(doc);
    } catch (err) {
      // A calendar already there: someone saved first.
      if ((err as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE') throw stale();
      throw err;
    }
  } else {
    const { _id, ...fields } = doc;
    const res = await db
      .collection(COLLECTION.schoolCalendars)
      .where({ _id, version: input.expectedVersion })
      .update({ ...fields, terms: _.set(data.terms), holidays: _.set(data.holidays), makeUpDays: _.set(data.makeUpDays) });
    if (!res.updated) throw stale();
  }

  const ahead = await db
    .collection(COLLECTION.familyCalls)
    .where({ schoolId: input.schoolId, startsAt: _.gt(now), status: _.in(LIVE) })
    .field({ date: true, time: true })
    .orderBy('startsAt', 'asc')
    .limit(1000)
    .get();
  const affected = (ahead.data as Pick<FamilyCallOccurrence, '_id' | 'date' | 'time'>[]).flatMap((c) => {
    const info = dayInfo(data, c.date);
    return info.open ? [] : [{ callId: c._id, date: c.date, time: c.time, reason: info.reason }];
  });
  return { schoolId: input.schoolId, ...data, version: doc.version, currentTerm: termOf(data, dateOf(now)), affected };
}
