/**
 * Where and when a school's calls can be held: its care rooms with their devices and its calendar, read together
 * once. Booking, moving, a parent's proposed times and the teacher's acceptance all check a time through it.
 */
import type { CallDevice, Room } from '../../../typings/domain';
import type { Database } from '../cloud';
import { EMPTY_CALENDAR, loadCalendar, type CalendarData } from './calendar';
import { findDevice, loadRooms, type DeviceRef } from './rooms';
import { slotProblem } from './schedule';
import type { Problem } from './store';

/** A call's time: Beijing day, start on the quarter hour, length. */
export interface SlotTime {
  date: string;
  time: string;
  minutes: number;
}

export interface CallSite {
  rooms: Room[];
  /** The school calendar (open every day when the school has none). */
  calendar: CalendarData;
  /** A device of the school's rooms, with its room; null for any other id. */
  find(deviceId: string): DeviceRef | null;
  /** A device's name for messages ("平板这个时段已被预约"). */
  deviceName(deviceId: string): string;
  /** Why a call cannot be held at this time on this device (past, room closed, outside its hours), or null. */
  problem(slot: SlotTime, device: CallDevice, now: Date): string | null;
  /** Every date of these slots that cannot take the call, and why. */
  problems(slots: SlotTime[], device: CallDevice, now: Date): Problem[];
}

export function callSite(rooms: Room[], calendar: CalendarData | null): CallSite {
  const cal = calendar ?? EMPTY_CALENDAR;
  const problem = (s: SlotTime, device: CallDevice, now: Date) => slotProblem(s.date, s.time, s.minutes, device, cal, now);
  return {
    rooms,
    calendar: cal,
    find: (deviceId) => findDevice(rooms, deviceId),
    deviceName: (deviceId) => findDevice(rooms, deviceId)?.device.name ?? '设备',
    problem,
    problems: (slots, device, now) =>
      slots.flatMap((s) => {
        const reason = problem(s, device, now);
        return reason ? [{ date: s.date, reason }] : [];
      }),
  };
}

/** The school's rooms and calendar, in one round trip. */
export async function loadSite(db: Database, schoolId: string): Promise<CallSite> {
  const [rooms, calendar] = await Promise.all([loadRooms(db, schoolId), loadCalendar(db, schoolId)]);
  return callSite(rooms, calendar);
}
