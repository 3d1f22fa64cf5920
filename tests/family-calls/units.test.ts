/** The pure rules of family calls: Beijing days and labels, the school calendar, locks, suggestions. */
import { addDays, mondayOfWeekKey, weekdayOf, weeklyDates, whenLabel } from '../../cloudfunctions/core/familyCalls/clock';
import { calendarProblems, dayInfo } from '../../cloudfunctions/core/familyCalls/calendar';
import { locksOf } from '../../cloudfunctions/core/familyCalls/locks';
import { suggestSlots } from '../../cloudfunctions/core/familyCalls/schedule';
import { beijingDate, beijingMonth, beijingWeekKey, startOfBeijingDay, startOfBeijingMonth, startOfBeijingWeek } from '../../cloudfunctions/core/time';
import type { CallDevice, Room } from '../../typings/domain';
import { at, CALENDAR, TABLET_HOURS } from './helpers';

test('the process runs in New York, the rules in Beijing', () => {
  expect(process.env.TZ).toBe('America/New_York');
  expect(weekdayOf('2027-03-07')).toBe(7);
  expect(weekdayOf('2027-03-08')).toBe(1);
  // Across New York's DST change (14 March 2027) a week is still 7 Beijing days.
  expect(weeklyDates('2027-03-01', '2027-03-31', 7)).toEqual(['2027-03-07', '2027-03-14', '2027-03-21', '2027-03-28']);
  expect(addDays('2027-03-13', 1)).toBe('2027-03-14');
  expect(mondayOfWeekKey('2027-W10')).toBe('2027-03-08');
  expect(mondayOfWeekKey('2027-W01')).toBe('2027-01-04');
  expect(mondayOfWeekKey('2026-W53')).toBe('2026-12-28');
  expect(beijingWeekKey(at('2027-03-07 23:59'))).toBe('2027-W09');
  expect(beijingWeekKey(at('2027-03-08 00:00'))).toBe('2027-W10');
});

test("a Beijing week starts on Monday 00:00 Beijing, also in the days around New York's daylight-saving change", () => {
  // New York moves its clocks on Sunday 14 March 2027 (Beijing: 14 March 15:00).
  for (const wallClock of ['2027-03-08 00:00', '2027-03-13 23:59', '2027-03-14 00:00', '2027-03-14 16:00', '2027-03-14 23:59']) {
    expect(startOfBeijingWeek(at(wallClock)).toISOString()).toBe(at('2027-03-08 00:00').toISOString());
  }
  expect(startOfBeijingWeek(at('2027-03-15 00:00')).toISOString()).toBe(at('2027-03-15 00:00').toISOString());
  expect(startOfBeijingWeek(at('2027-11-07 12:00')).toISOString()).toBe(at('2027-11-01 00:00').toISOString());
});

test("a call's time in a parent's words", () => {
  const call = at('2027-03-03 19:30');
  expect(whenLabel(call, at('2027-03-01 08:00'))).toBe('周三 19:30，还有2天');
  expect(whenLabel(call, at('2027-03-02 23:59'))).toBe('明天（周三）19:30');
  expect(whenLabel(call, at('2027-03-03 00:00'))).toBe('今天 19:30（还有19小时）');
  expect(whenLabel(call, at('2027-03-03 19:10'))).toBe('今天 19:30（还有20分钟）');
  expect(whenLabel(call, at('2027-02-20 08:00'))).toBe('3月3日 周三 19:30，还有11天');
  expect(whenLabel(call, at('2027-03-03 20:00'))).toBe('3月3日 周三 19:30');
});

test('the calendar: holidays close, make-up workdays open with the hours of their weekday, outside terms is closed', () => {
  expect(dayInfo(CALENDAR, '2027-04-05')).toEqual({ open: false, reason: '清明节放假' });
  expect(dayInfo(CALENDAR, '2027-04-25')).toEqual({ open: true, hoursWeekday: 1, note: '劳动节调休上班日' });
  expect(dayInfo(CALENDAR, '2027-08-01')).toEqual({ open: false, reason: '不在学期内（假期）' });
  expect(dayInfo({ terms: [], holidays: [], makeUpDays: [] }, '2027-08-01')).toEqual({ open: true, hoursWeekday: 7, note: null });
  expect(
    calendarProblems({
      terms: [
        { name: 'a', start: '2027-03-01', end: '2027-06-01' },
        { name: 'b', start: '2027-05-01', end: '2027-07-01' },
      ],
      holidays: [],
      makeUpDays: [],
    })[0].message,
  ).toContain('重叠');
});

test('a 45-minute call holds three quarters for its device and three for its child', () => {
  const locks = locksOf({
    occurrenceId: 'o',
    childId: 'kid',
    deviceId: 'dev',
    schoolId: 's',
    startsAt: at('2027-03-07 23:30'),
    minutes: 45,
  });
  expect(locks.map((l) => l._id)).toEqual([
    'd_dev_202703072330',
    'c_kid_202703072330',
    'd_dev_202703072345',
    'c_kid_202703072345',
    'd_dev_202703080000',
    'c_kid_202703080000',
  ]);
});

test('suggestions: inside device hours and every stated parent time, free weeks first', () => {
  const device: CallDevice = { id: 'tab', name: '平板', kind: 'tablet', wechatName: null, hours: TABLET_HOURS, active: true };
  const room = { _id: 'r', name: '关爱室' } as Room;
  const base = {
    devices: [{ room, device }],
    childId: 'kid',
    cal: CALENDAR,
    minutes: 30,
    from: '2027-03-01',
    weeks: 4,
    now: at('2027-03-01 08:00'),
    limit: 10,
  };
  const both = suggestSlots({
    ...base,
    availability: [{ slots: [{ weekday: 2, start: '19:00', end: '21:00' }] }, { slots: [{ weekday: 2, start: '18:00', end: '20:00' }] }],
    booked: [],
  });
  expect(both.map((x) => `${x.weekday} ${x.time}`)).toEqual(['2 19:00']);
  // The child is busy on 2 of the 4 Tuesdays at 19:00: 19:30 (all 4 free) comes first.
  const busy = [at('2027-03-02 19:00'), at('2027-03-09 19:00')].map((s) => ({
    deviceId: 'other',
    childId: 'kid',
    startsAt: s,
    endsAt: new Date(s.getTime() + 1800000),
  }));
  const one = suggestSlots({ ...base, availability: [{ slots: [{ weekday: 2, start: '19:00', end: '21:00' }] }], booked: busy });
  expect(one[0]).toMatchObject({ weekday: 2, time: '19:30', freeWeeks: 4, fitsParents: true });
  // Nobody stated times: device hours alone, marked as not fitted to the parents.
  const open = suggestSlots({ ...base, availability: [], booked: [] });
  expect(open.length).toBe(10);
  expect(open.every((x) => !x.fitsParents)).toBe(true);
});

test('Beijing days, weeks and months agree with the tz database for every hour of a year, in a New York process', () => {
  // The reference reads each instant's Beijing wall clock from Intl (the tz database) and works on its digits.
  const wall = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour12: false });
  const beijingDay = (d: Date) => wall.format(d); // YYYY-MM-DD
  const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`).getTime();
  const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
  const isoWeek = (day: string) => {
    const n = dayNumber(day);
    const thursday = n - ((n + 3) % 7) + 3;
    const year = new Date(thursday * 86_400_000).getUTCFullYear();
    return `${year}-W${String(Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1).padStart(2, '0')}`;
  };
  for (let ms = Date.UTC(2026, 11, 20); ms < Date.UTC(2028, 0, 10); ms += 3_600_000 + 61_000) {
    const at = new Date(ms);
    const day = beijingDay(at);
    expect(beijingDate(at)).toBe(day);
    expect(beijingMonth(at)).toBe(day.slice(0, 7));
    expect(startOfBeijingDay(at).getTime()).toBe(midnight(day));
    expect(startOfBeijingMonth(at).getTime()).toBe(midnight(`${day.slice(0, 7)}-01`));
    const monday = new Date((dayNumber(day) - ((dayNumber(day) + 3) % 7)) * 86_400_000).toISOString().slice(0, 10);
    expect(startOfBeijingWeek(at).getTime()).toBe(midnight(monday));
    expect(beijingWeekKey(at)).toBe(isoWeek(day));
  }
  // Years whose first days belong to the last ISO week of the year before.
  expect(beijingWeekKey(new Date('2027-01-03T12:00:00+08:00'))).toBe('2026-W53');
  expect(beijingWeekKey(new Date('2027-01-04T00:00:00+08:00'))).toBe('2027-W01');
  expect(beijingWeekKey(new Date('2025-12-29T00:00:00+08:00'))).toBe('2026-W01');
  expect(beijingWeekKey(new Date('2021-01-03T23:59:00+08:00'))).toBe('2020-W53');
});
