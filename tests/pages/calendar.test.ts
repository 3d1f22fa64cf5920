/**
 * 校历 (pages/calendar, issue #6 item 1) under miniprogram-simulate with real TDesign components, against the real
 * emulator (demo school seeded) through the real local transport. Each add or delete saves the whole calendar;
 * the calls already booked on days it closes are listed from the save's answer. Dates count from today (Beijing).
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import { addDays, weekdayOf } from '../../cloudfunctions/core/familyCalls/clock';
import { textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { openPage, partText, pickRadio, tapButton, tapText, typeInto, withText } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import type { Weekday } from '../../typings/domain';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';
const allDay = [{ start: '00:00', end: '24:00' }];
let deviceId = '';
let parentBinding = '';

const school = useDemoSchool(async () => {
  const room = await school.api('demo-admin', 'rooms.save', {
    schoolId: SCHOOL,
    name: '关爱室',
    devices: [
      {
        name: '平板',
        kind: 'tablet',
        hours: { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay },
      },
    ],
  });
  deviceId = room.devices[0].id;
  parentBinding = (await school.api('demo-parent', 'whoami', {})).bindings[0].id;
});

const today = () => beijingDate(new Date());
const admin = () => school.phone('demo-admin');
const calendar = () => school.api('demo-admin', 'calendar.get', { schoolId: SCHOOL });

/** Pick a day in a native <picker mode="date"> as the phone's date wheel does: its change event. */
function pickDate(page: Rendered, cls: string, date: string): void {
  const picker = page.querySelector(cls);
  if (!picker) throw new Error(`no picker ${cls}`);
  picker.dispatchEvent('change', { detail: { value: date } });
}

/** The rows of one list (.list--terms, .list--holidays, .list--makeUpDays) as "name | when". */
/** A day as the page shows it: 12月3日, with the year when it is not this (Beijing) year. */
function day(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y === Number(today().slice(0, 4)) ? '' : `${y}年`}${m}月${d}日`;
}

/** Two days of one year as the page shows them: 12月3日–12月5日. */
function days(from: string, to: string): string {
  return from.slice(0, 4) === to.slice(0, 4)
    ? `${day(from)}–${day(to).replace(/^\d+年/, '')}`
    : `${from.slice(0, 4)}年${day(from).replace(/^\d+年/, '')}–${to.slice(0, 4)}年${day(to).replace(/^\d+年/, '')}`;
}

function rows(page: Rendered, list: string): string[] {
  const text = (sel: string) => page.querySelectorAll(`${list} ${sel}`).map((n) => ((n.dom as HTMLElement).textContent ?? '').trim());
  const whens = text('.row__when');
  return text('.row__name').map((name, i) => `${name} | ${whens[i]}`);
}

test('the admin adds a holiday; it lists, is saved, and the booked call it closes is shown', async () => {
  const callDate = addDays(today(), 3);
  const booked = await school.api('demo-teacher', 'familyCalls.book', {
    childId: 'demo-child-01',
    deviceId,
    weekday: weekdayOf(callDate) as Weekday,
    time: '19:00',
    minutes: 30,
    startDate: callDate,
    weeks: 1,
    parentBindingIds: [parentBinding],
  });
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);

  const page = openPage(admin(), 'areas/family-calls/pages/calendar', { schoolId: SCHOOL });
  await waitForText(page, '还没有设置学期');
  expect(partText(page, '.list--holidays')).toContain('还没有放假安排');

  tapText(page, '.add-holidays', '添加放假');
  await waitFor(page, () => !!page.querySelector('.add-form--holidays'), 'the holiday form');
  typeInto(page, '.f-name', '秋假');
  pickDate(page, '.f-start', addDays(today(), 2));
  pickDate(page, '.f-end', addDays(today(), 4));
  await waitFor(page, () => partText(page, '.add-form').includes(day(addDays(today(), 4))), 'the picked end date');
  tapButton(page, '.add-save');

  await waitFor(page, () => !page.querySelector('.add-form'), 'the form to close');
  expect(rows(page, '.list--holidays')).toEqual([`秋假 | ${days(addDays(today(), 2), addDays(today(), 4))}`]);
  expect(partText(page, '.list--holidays')).not.toContain('还没有放假安排');

  const affected = partText(page, '.affected');
  expect(affected).toContain('有 1 次已预约的亲情视频落在不开放的日子');
  expect(page.querySelectorAll('.affected__row')).toHaveLength(1);
  expect(affected).toContain(`${day(callDate)} 19:00 · 秋假放假`);
  tapText(page, '.affected__row', day(callDate));
  await waitFor(page, () => navigateTo.mock.calls.length > 0, 'the call page');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/areas/family-calls/pages/record/index?id=${booked.first.id}` }));

  const saved = await calendar();
  expect(saved).toMatchObject({
    version: 1,
    holidays: [{ name: '秋假', start: addDays(today(), 2), end: addDays(today(), 4) }],
    terms: [],
    makeUpDays: [],
  });

  // opened again, the list comes from the server
  const again = openPage(admin(), 'areas/family-calls/pages/calendar');
  await waitForText(again, '秋假');
  expect(rows(again, '.list--holidays')).toHaveLength(1);
  expect(again.querySelector('.affected')).toBeFalsy();
});

test('terms and make-up workdays: the server’s Chinese errors show and write nothing; a delete takes two taps', async () => {
  const page = openPage(admin(), 'areas/family-calls/pages/calendar', { schoolId: SCHOOL });
  await waitForText(page, '秋假');

  // a term around today
  tapText(page, '.add-terms', '添加学期');
  await waitFor(page, () => !!page.querySelector('.add-form--terms'), 'the term form');
  typeInto(page, '.f-name', '本学期');
  pickDate(page, '.f-start', addDays(today(), -30));
  pickDate(page, '.f-end', addDays(today(), 90));
  tapButton(page, '.add-save');
  await waitFor(page, () => !page.querySelector('.add-form'), 'the term saved');
  expect(partText(page, '.term-text')).toContain(`当前学期：本学期（${days(addDays(today(), -30), addDays(today(), 90))}）`);
  // the call on the holiday is still on a closed day: every save lists it until it is moved
  expect(partText(page, '.affected')).toContain('有 1 次已预约的亲情视频落在不开放的日子');
  expect(partText(page, '.affected')).toContain('秋假放假');
  expect(page.querySelector('.notice')).toBeFalsy();

  // a make-up workday on a weekday is refused with the server's reason
  let weekday = addDays(today(), 7);
  while (weekdayOf(weekday) > 5) weekday = addDays(weekday, 1);
  tapText(page, '.add-makeUpDays', '添加调休上班日');
  await waitFor(page, () => !!page.querySelector('.add-form--makeUpDays'), 'the make-up form');
  expect(page.querySelector('.f-end')).toBeFalsy();
  typeInto(page, '.f-name', '调休');
  pickDate(page, '.f-start', weekday);
  tapButton(page, '.add-save');
  await waitFor(page, () => partText(page, '.add-form .form-error') !== '', 'the error');
  expect(partText(page, '.add-form .form-error')).toContain('本来就是工作日，调休上班日应在周六或周日');
  expect((await calendar()).makeUpDays).toEqual([]);

  // on a Saturday, following Friday's timetable, it is saved
  let saturday = addDays(today(), 7);
  while (weekdayOf(saturday) !== 6) saturday = addDays(saturday, 1);
  pickDate(page, '.f-start', saturday);
  pickRadio(page, '.f-weekday', '周五');
  tapButton(page, '.add-save');
  await waitFor(page, () => !page.querySelector('.add-form'), 'the make-up day saved');
  expect(rows(page, '.list--makeUpDays')).toEqual([`调休 | ${day(saturday)}（按周五上课）`]);
  expect((await calendar()).makeUpDays).toEqual([{ date: saturday, weekday: 5, name: '调休' }]);

  // an overlapping term is refused
  tapText(page, '.add-terms', '添加学期');
  await waitFor(page, () => !!page.querySelector('.add-form--terms'), 'the term form');
  typeInto(page, '.f-name', '重叠学期');
  pickDate(page, '.f-start', addDays(today(), 10));
  pickDate(page, '.f-end', addDays(today(), 20));
  tapButton(page, '.add-save');
  await waitFor(page, () => partText(page, '.add-form .form-error').includes('日期重叠'), 'the overlap error');
  tapButton(page, '.add-cancel');
  await waitFor(page, () => !page.querySelector('.add-form'), 'the form closed');
  expect(rows(page, '.list--terms')).toHaveLength(1);

  // delete the holiday: the first tap asks, the second saves
  const version = (await calendar()).version;
  tapText(page, '.list--holidays .delete >>> .t-button', '删除');
  await waitFor(page, () => partText(page, '.list--holidays').includes('确认删除'), 'the confirm');
  expect((await calendar()).holidays).toHaveLength(1);
  tapText(page, '.list--holidays .delete >>> .t-button', '确认删除');
  await waitFor(page, () => partText(page, '.list--holidays').includes('还没有放假安排'), 'the holiday gone');
  const after = await calendar();
  expect(after.holidays).toEqual([]);
  expect(after.version).toBe(version + 1);
  // nothing booked falls on a closed day any more
  expect(page.querySelector('.affected')).toBeFalsy();
  expect(partText(page, '.notice')).toBe('校历已保存');
  expect(withText(page, '.list--terms .row', '本学期')).toHaveLength(1);
});

test('a teacher is refused: the page says only admins set the calendar, also with the school in the url; a save is refused by the server', async () => {
  const teacher = school.phone('demo-teacher');
  const page = openPage(teacher, 'areas/family-calls/pages/calendar');
  await waitForText(page, '只有管理员可以设置校历');
  expect(textOf(page)).not.toContain('本学期');

  // a school id in the url is no permission (teachers may read the calendar, booking follows it, but not set it)
  const before = await calendar();
  const withSchool = openPage(teacher, 'areas/family-calls/pages/calendar', { schoolId: SCHOOL });
  await waitForText(withSchool, '只有管理员可以设置校历');
  expect(withSchool.data.state).toBe('forbidden');
  expect(textOf(withSchool)).not.toContain('本学期');
  expect(withSchool.querySelector('.add-holidays')).toBeFalsy();

  // and the server refuses a save all the same
  const answer = await school.answer('demo-teacher', 'calendar.save', {
    schoolId: SCHOOL,
    expectedVersion: before.version,
    terms: before.terms,
    holidays: [...before.holidays, { name: '老师的假', start: '2027-03-01', end: '2027-03-02' }],
    makeUpDays: before.makeUpDays,
  });
  expect(answer.ok).toBe(false);
  if (!answer.ok) expect(answer.error.message).toBe('您的身份无权进行此操作');
  expect(await calendar()).toEqual(before);
});
