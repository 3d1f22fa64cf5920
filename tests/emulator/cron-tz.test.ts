// jest.config.js runs the suite in New York time (TEST_TZ overrides): nothing may depend on the machine's TZ.
import { nextFire, parseCron } from '../../emulator/timers/cron';
import { beijingDate, beijingWeekKey, startOfBeijingMonth, startOfBeijingWeek } from '../../cloudfunctions/core/time';

test('the process TZ is really not Beijing', () => {
  expect(new Date('2027-01-01T00:00:00Z').getTimezoneOffset()).not.toBe(-480);
});

test('cron and calendar helpers still speak Beijing time', () => {
  expect(nextFire(parseCron('0 30 7 * * * *'), new Date('2027-02-28T12:00:00Z'))!.toISOString()).toBe('2027-02-28T23:30:00.000Z');
  // 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Beijing.
  expect(beijingDate(new Date('2026-12-31T20:00:00Z'))).toBe('2027-01-01');
  expect(startOfBeijingMonth(new Date('2026-12-31T20:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  // Monday 2027-03-01 00:30 Beijing is still Sunday in UTC.
  expect(startOfBeijingWeek(new Date('2027-02-28T16:30:00Z')).toISOString()).toBe('2027-02-28T16:00:00.000Z');
  expect(beijingWeekKey(new Date('2027-01-03T17:00:00Z'))).toBe('2027-W01');
  expect(beijingWeekKey(new Date('2027-01-02T12:00:00Z'))).toBe('2026-W53');
});
