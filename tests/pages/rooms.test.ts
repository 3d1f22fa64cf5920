/**
 * 关爱室与设备 (pages/rooms, issue #6 item 1) under miniprogram-simulate with real TDesign components, against the
 * real emulator (demo school seeded) through the real local transport. What the admin saves is read back with
 * rooms.list; the server's Chinese errors are what the page shows.
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import { addDays, weekdayOf } from '../../cloudfunctions/core/familyCalls/clock';
import { textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { inputValue, openPage, partText, pickRadio, tapButton, tapText, typeInto, withText } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import type { Weekday } from '../../typings/domain';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';
const school = useDemoSchool();

const admin = () => school.phone('demo-admin');
const rooms = async () => (await school.api('demo-admin', 'rooms.list', { schoolId: SCHOOL })).rooms;

/** The card of the room with this name. */
function roomCard(page: Rendered, name: string): string {
  const card = withText(page, '.room', name)[0];
  return card ? ((card.dom as HTMLElement).textContent ?? '') : '';
}

test('the admin adds a room with a tablet and its opening hours; it lists, and rooms.list has it', async () => {
  jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
  const page = openPage(admin(), 'areas/family-calls/pages/rooms', { schoolId: SCHOOL });
  await waitForText(page, '还没有关爱室');

  tapButton(page, '.room-add');
  await waitForText(page, '新增关爱室');
  typeInto(page, '.f-room-name', '一楼关爱室');
  typeInto(page, '.f-room-location', '教学楼一楼东侧');
  typeInto(page, '.f-dev-name-0', '平板一号');
  pickRadio(page, '.device-form >>> .kind-0', '平板');
  typeInto(page, '.f-hours-0-1', '18:00-20:00');
  tapText(page, '.device-form >>> .copy-monday-0', '周二至周五同周一');
  await waitFor(page, () => inputValue(page, '.f-hours-0-5') === '18:00-20:00', 'Friday copied from Monday');
  expect(inputValue(page, '.f-hours-0-6')).toBe('');
  typeInto(page, '.f-hours-0-6', '9:00 - 11:30，14：00至17:00');

  // a second device, a phone, switched off for now
  tapButton(page, '.device-add');
  await waitFor(page, () => !!page.querySelector('.device-form >>> .f-dev-name-1'), 'the second device');
  typeInto(page, '.f-dev-name-1', '备用手机');
  pickRadio(page, '.device-form >>> .kind-1', '手机');
  typeInto(page, '.f-hours-1-7', '15:00-16:00');
  const active = page.querySelector('.device-form >>> .f-dev-active-1');
  (active!.instance as unknown as { handleSwitch(): void }).handleSwitch();

  tapButton(page, '.save');
  await waitFor(page, () => !!page.querySelector('.room'), 'the saved room in the list');
  const card = roomCard(page, '一楼关爱室');
  expect(card).toContain('教学楼一楼东侧');
  expect(card).toContain('平板一号');
  expect(card).toContain('平板');
  expect(card).toContain('周一 18:00-20:00');
  expect(card).toContain('周五 18:00-20:00');
  expect(card).toContain('周六 09:00-11:30、14:00-17:00');
  expect(card).not.toContain('周日 18:00');
  expect(card).toContain('备用手机');
  expect(card).toContain('手机');
  expect(card).toContain('已停用');
  expect(textOf(page)).not.toContain('还没有关爱室');

  const [room] = await rooms();
  expect(room).toMatchObject({ name: '一楼关爱室', location: '教学楼一楼东侧', version: 1 });
  expect(room.devices).toHaveLength(2);
  expect(room.devices[0]).toMatchObject({ name: '平板一号', kind: 'tablet', active: true });
  expect(room.devices[0].hours).toEqual({
    '1': [{ start: '18:00', end: '20:00' }],
    '2': [{ start: '18:00', end: '20:00' }],
    '3': [{ start: '18:00', end: '20:00' }],
    '4': [{ start: '18:00', end: '20:00' }],
    '5': [{ start: '18:00', end: '20:00' }],
    '6': [
      { start: '09:00', end: '11:30' },
      { start: '14:00', end: '17:00' },
    ],
  });
  expect(room.devices[1]).toMatchObject({
    name: '备用手机',
    kind: 'phone',
    active: false,
    hours: { '7': [{ start: '15:00', end: '16:00' }] },
  });

  // opened again, the list comes from the server
  const again = openPage(admin(), 'areas/family-calls/pages/rooms', { schoolId: SCHOOL });
  await waitForText(again, '一楼关爱室');
  expect(roomCard(again, '一楼关爱室')).toContain('周六 09:00-11:30、14:00-17:00');
});

test('hours the server does not accept show its Chinese error and change nothing; unreadable ones are caught first', async () => {
  const before = await rooms();
  const page = openPage(admin(), 'areas/family-calls/pages/rooms');
  await waitForText(page, '一楼关爱室');

  tapText(page, '.room-edit', '编辑');
  await waitForText(page, '修改关爱室');
  expect(inputValue(page, '.f-hours-0-1')).toBe('18:00-20:00');
  expect(inputValue(page, '.f-hours-0-6')).toBe('09:00-11:30，14:00-17:00');

  // not on the quarter-hour grid
  typeInto(page, '.f-hours-0-3', '18:10-20:00');
  tapButton(page, '.save');
  await waitFor(page, () => partText(page, '.form-error') !== '', 'the error');
  expect(partText(page, '.form-error')).toContain('应为整刻钟');
  expect(textOf(page)).toContain('修改关爱室');

  // two ranges of one day overlapping
  typeInto(page, '.f-hours-0-3', '18:00-20:00，19:00-21:00');
  tapButton(page, '.save');
  await waitFor(page, () => partText(page, '.form-error').includes('同一天的开放时间不能重叠'), 'the overlap error');

  // the end before the start
  typeInto(page, '.f-hours-0-3', '20:00-18:00');
  tapButton(page, '.save');
  await waitFor(page, () => partText(page, '.form-error').includes('结束时间应晚于开始时间'), 'the order error');

  // not a time at all: the page says which day and how to write it
  typeInto(page, '.f-hours-0-3', '晚上');
  tapButton(page, '.save');
  await waitFor(page, () => partText(page, '.form-error').includes('周三的开放时间「晚上」看不懂'), 'the format error');
  expect(partText(page, '.form-error')).toContain('平板一号');

  expect(await rooms()).toEqual(before);

  tapButton(page, '.cancel');
  await waitForText(page, '新增关爱室');
  expect(roomCard(page, '一楼关爱室')).toContain('周三 18:00-20:00');
});

test('removing a device with booked calls shows the server’s error; without them it goes', async () => {
  const [room] = await rooms();
  const tablet = room.devices[0];
  const parent = (await school.api('demo-parent', 'whoami', {})).bindings[0];
  // a one-off call on the tablet's next open weekday after today
  let date = addDays(beijingDate(new Date()), 1);
  while (weekdayOf(date) > 6) date = addDays(date, 1);
  await school.api('demo-teacher', 'familyCalls.book', {
    childId: 'demo-child-01',
    deviceId: tablet.id,
    weekday: weekdayOf(date) as Weekday,
    time: weekdayOf(date) === 6 ? '10:00' : '18:30',
    minutes: 30,
    startDate: date,
    weeks: 1,
    parentBindingIds: [parent.id],
  });

  jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
  const page = openPage(admin(), 'areas/family-calls/pages/rooms', { schoolId: SCHOOL });
  await waitForText(page, '平板一号');
  tapText(page, '.room-edit', '编辑');
  await waitForText(page, '修改关爱室');
  tapText(page, '.device-form >>> .device-remove-0 >>> .t-button', '删除此设备');
  await waitFor(page, () => !page.querySelector('.device-form >>> .f-dev-name-1'), 'one device left in the form');
  expect(inputValue(page, '.f-dev-name-0')).toBe('备用手机');

  tapButton(page, '.save');
  await waitFor(page, () => partText(page, '.form-error') !== '', 'the error');
  expect(partText(page, '.form-error')).toBe('要停用或删除的设备还有 1 次预约的通话，请先改期或取消');
  expect((await rooms())[0].devices.map((d) => d.name)).toEqual(['平板一号', '备用手机']);

  // the spare phone has no calls: removing it saves
  tapButton(page, '.cancel');
  await waitForText(page, '新增关爱室');
  tapText(page, '.room-edit', '编辑');
  await waitForText(page, '修改关爱室');
  tapText(page, '.device-form >>> .device-remove-1 >>> .t-button', '删除此设备');
  await waitFor(page, () => !page.querySelector('.device-form >>> .f-dev-name-1'), 'the phone out of the form');
  tapButton(page, '.save');
  await waitFor(page, () => !textOf(page).includes('修改关爱室'), 'the list again');
  expect(roomCard(page, '一楼关爱室')).not.toContain('备用手机');
  expect((await rooms())[0]).toMatchObject({ version: 2, devices: [{ name: '平板一号' }] });
});

test('a teacher is refused: the page says only admins set rooms, also with the school in the url; a save is refused by the server', async () => {
  const teacher = school.phone('demo-teacher');
  const page = openPage(teacher, 'areas/family-calls/pages/rooms');
  await waitForText(page, '只有管理员可以设置关爱室与设备');
  expect(textOf(page)).not.toContain('一楼关爱室');
  expect(page.querySelector('.room-add')).toBeFalsy();

  // a school id in the url is no permission: the page is still refused (teachers may read the rooms to book on them)
  const withSchool = openPage(teacher, 'areas/family-calls/pages/rooms', { schoolId: SCHOOL });
  await waitForText(withSchool, '只有管理员可以设置关爱室与设备');
  expect(withSchool.data.state).toBe('forbidden');
  expect(textOf(withSchool)).not.toContain('一楼关爱室');
  expect(withSchool.querySelector('.room-add')).toBeFalsy();

  // and the server refuses a save all the same
  const answer = await school.answer('demo-teacher', 'rooms.save', {
    schoolId: SCHOOL,
    name: '老师的关爱室',
    devices: [{ name: '平板二号', kind: 'tablet', hours: {} }],
  });
  expect(answer.ok).toBe(false);
  if (!answer.ok) expect(answer.error.message).toBe('您的身份无权进行此操作');
  expect((await rooms()).map((r) => r.name)).toEqual(['一楼关爱室']);
});
