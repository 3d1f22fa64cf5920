/** 7-field cron on Beijing time, whatever the process TZ. */
import { firesBetween, nextFire, parseCron } from '../../emulator/timers/cron';

const at = (iso: string) => new Date(iso);

test('daily 07:30 Beijing is 23:30 UTC the day before', () => {
  const cron = parseCron('0 30 7 * * * *');
  expect(nextFire(cron, at('2027-02-28T12:00:00Z'))!.toISOString()).toBe('2027-02-28T23:30:00.000Z');
});

test('every 15 minutes fires 4 times an hour, strictly after the given instant', () => {
  const cron = parseCron('0 */15 * * * * *');
  const fires = firesBetween(cron, at('2027-03-01T00:00:00Z'), at('2027-03-01T01:00:00Z'));
  expect(fires.map((d) => d.toISOString())).toEqual([
    '2027-03-01T00:15:00.000Z',
    '2027-03-01T00:30:00.000Z',
    '2027-03-01T00:45:00.000Z',
    '2027-03-01T01:00:00.000Z',
  ]);
});

test('the first of the month at 08:00 Beijing, across a year boundary', () => {
  const cron = parseCron('0 0 8 1 * * *');
  // 2026-12-31 23:00 UTC is already 2027-01-01 07:00 in Beijing: the next fire is one hour later.
  expect(nextFire(cron, at('2026-12-31T23:00:00Z'))!.toISOString()).toBe('2027-01-01T00:00:00.000Z');
});

test('weekday names and ranges: Monday to Friday at 16:00', () => {
  const cron = parseCron('0 0 16 * * MON-FRI *');
  const fires = firesBetween(cron, at('2027-03-05T00:00:00Z'), at('2027-03-10T00:00:00Z'));
  // 2027-03-05 is a Friday; the weekend is skipped.
  expect(fires.map((d) => d.toISOString())).toEqual(['2027-03-05T08:00:00.000Z', '2027-03-08T08:00:00.000Z', '2027-03-09T08:00:00.000Z']);
});

test('malformed crons are refused with a clear message', () => {
  expect(() => parseCron('0 0 8 * * *')).toThrow('7 段');
  expect(() => parseCron('0 61 8 * * * *')).toThrow('超出范围');
  expect(() => parseCron('0 x 8 * * * *')).toThrow('无法解析');
});
