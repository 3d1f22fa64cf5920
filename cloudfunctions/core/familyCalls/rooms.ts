/**
 * 关爱室 and their devices (视频通话点). A school has a few rooms, each with a few devices, so a room keeps its
 * devices inside it and one read of the school's rooms answers every "which device, open when?" question.
 */
import type { CallDevice, ClockRange, Room, Weekday } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { clockMinutes, WEEKDAY_NAMES } from './clock';

export async function loadRooms(db: Database, schoolId: string): Promise<Room[]> {
  const res = await db.collection(COLLECTION.rooms).where({ schoolId }).limit(100).get();
  return res.data as Room[];
}

export interface DeviceRef {
  room: Room;
  device: CallDevice;
}

export function findDevice(rooms: Room[], deviceId: string): DeviceRef | null {
  for (const room of rooms) {
    const device = room.devices.find((d) => d.id === deviceId);
    if (device) return { room, device };
  }
  return null;
}

export function hoursOn(device: CallDevice, weekday: Weekday): ClockRange[] {
  return device.hours[String(weekday) as keyof CallDevice['hours']] ?? [];
}

/** Does [time, time+minutes) fit inside one opening range of the device on that weekday? */
export function withinHours(device: CallDevice, weekday: Weekday, time: string, minutes: number): boolean {
  const start = clockMinutes(time);
  return hoursOn(device, weekday).some((r) => clockMinutes(r.start) <= start && start + minutes <= clockMinutes(r.end));
}

/** "周三 18:00-21:00" or "周三不开放" */
export function hoursLabel(device: CallDevice, weekday: Weekday): string {
  const ranges = hoursOn(device, weekday);
  if (!ranges.length) return `${WEEKDAY_NAMES[weekday]}不开放`;
  return `${WEEKDAY_NAMES[weekday]} ${ranges.map((r) => `${r.start}-${r.end}`).join('、')}`;
}

export const DEVICE_KIND_LABELS: Record<CallDevice['kind'], string> = { tablet: '平板', pc: '电脑', phone: '手机' };
