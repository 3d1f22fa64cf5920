/**
 * Rules a call's time must meet before any lock is looked at: in the future, on a day the care room is open
 * (校历), inside the device's opening hours for that day. And the free-slot suggestions of the booking screen.
 */
import type { CallAvailability, CallDevice, FamilyCallOccurrence, Room, Weekday } from '../../../typings/domain';
import type { Suggestion } from '../../../typings/actions/familyCalls';
import { dayInfo, type CalendarData } from './calendar';
import { addDays, clockMinutes, clockOf, QUARTER_MIN, startOf, weekdayOf, WEEKDAY_NAMES } from './clock';
import { hoursLabel, hoursOn, withinHours } from './rooms';

/** Why this call cannot be held at this time, or null. */
export function slotProblem(date: string, time: string, minutes: number, device: CallDevice, cal: CalendarData, now: Date): string | null {
  if (startOf(date, time).getTime() <= now.getTime()) return '时间已过';
  const day = dayInfo(cal, date);
  if (!day.open) return day.reason;
  if (!withinHours(device, day.hoursWeekday, time, minutes)) {
    return `不在${device.name}的开放时间内（${hoursLabel(device, day.hoursWeekday)}${day.hoursWeekday !== weekdayOf(date) ? '，调休按此安排' : ''}）`;
  }
  return null;
}

/** Busy time of a device or the child, as [start, end) instants. */
type Busy = { deviceId: string; childId: string; start: number; end: number };

/**
 * Weekly times that suit both sides over the next `weeks` weeks from `from`: every quarter-hour start inside a
 * device's opening hours where every parent who stated their times can take the whole call; ranked by how many of
 * those weeks are free (device and child not booked, room open), then by whether the parents' times fit.
 * When no parent stated any time, device hours alone decide (fitsParents false).
 */
export function suggestSlots(opts: {
  devices: { room: Room; device: CallDevice }[];
  availability: Pick<CallAvailability, 'slots'>[];
  booked: Pick<FamilyCallOccurrence, 'deviceId' | 'childId' | 'startsAt' | 'endsAt'>[];
  childId: string;
  cal: CalendarData;
  minutes: number;
  from: string;
  weeks: number;
  now: Date;
  limit: number;
}): Suggestion[] {
  const busy: Busy[] = opts.booked.map((b) => ({
    deviceId: b.deviceId,
    childId: b.childId,
    start: b.startsAt.getTime(),
    end: b.endsAt.getTime(),
  }));
  const stated = opts.availability.filter((a) => a.slots.length);
  const parentsFit = (weekday: Weekday, start: number, end: number) =>
    stated.every((a) => a.slots.some((s) => s.weekday === weekday && clockMinutes(s.start) <= start && end <= clockMinutes(s.end)));
  const out: Suggestion[] = [];
  for (const { device } of opts.devices.filter((d) => d.device.active)) {
    for (let w = 1 as Weekday; w <= 7; w = (w + 1) as Weekday) {
      for (const range of hoursOn(device, w)) {
        for (let t = clockMinutes(range.start); t + opts.minutes <= clockMinutes(range.end); t += QUARTER_MIN) {
          if (stated.length && !parentsFit(w, t, t + opts.minutes)) continue;
          const time = clockOf(t);
          let free = 0;
          const firstDate = addDays(opts.from, (w - weekdayOf(opts.from) + 7) % 7);
          for (let k = 0; k < opts.weeks; k++) {
            const date = addDays(firstDate, 7 * k);
            const start = startOf(date, time).getTime();
            const end = start + opts.minutes * 60000;
            const day = dayInfo(opts.cal, date);
            if (start <= opts.now.getTime() || !day.open || !withinHours(device, day.hoursWeekday, time, opts.minutes)) continue;
            if (busy.some((b) => (b.deviceId === device.id || b.childId === opts.childId) && b.start < end && start < b.end)) continue;
            free++;
          }
          if (free)
            out.push({
              weekday: w,
              time,
              minutes: opts.minutes,
              deviceId: device.id,
              deviceName: device.name,
              label: `${WEEKDAY_NAMES[w]} ${time} · ${device.name}`,
              freeWeeks: free,
              weeksChecked: opts.weeks,
              fitsParents: stated.length > 0,
            });
        }
      }
    }
  }
  // Best first, and spread out: one per weekday and hour (the first device that has it free), two per weekday.
  out.sort((a, b) => b.freeWeeks - a.freeWeeks || a.weekday - b.weekday || clockMinutes(a.time) - clockMinutes(b.time));
  const hours = new Set<string>();
  const perDay = new Map<number, number>();
  const picked: Suggestion[] = [];
  for (const s of out) {
    const hour = `${s.weekday}|${s.time.slice(0, 2)}`;
    if (hours.has(hour) || (perDay.get(s.weekday) ?? 0) >= 2) continue;
    hours.add(hour);
    perDay.set(s.weekday, (perDay.get(s.weekday) ?? 0) + 1);
    picked.push(s);
    if (picked.length >= opts.limit) break;
  }
  return picked;
}
