/**
 * Family-call pages (issue #6) under miniprogram-simulate with real TDesign components, against the real emulator
 * (demo school seeded) through the real local transport: the teacher's week agenda (pages/family-calls), booking
 * (pages/family-calls/book), one call's outcome, move and cancel (pages/family-calls/record), and the parent's
 * next call with confirm, ask to move, history and their times (pages/family-calls/next).
 * The pages run on the real clock, so every date here is counted from today (Beijing).
 */
import { beijingDate, fromBeijing } from '../../cloudfunctions/core/time';
import { addDays, weekdayOf, whenLabel } from '../../cloudfunctions/core/familyCalls/clock';
import { textOf, waitFor, waitForFirstScreen, waitForText } from './helpers/render';
import { nodeText, openPage, partText, pickDate, tapButton, tapText, typeInto } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import type { Weekday } from '../../typings/domain';

jest.setTimeout(30000);

const allDay = [{ start: '00:00', end: '24:00' }];
let deviceId = '';
let parent01 = '';

const school = useDemoSchool(async () => {
  const room = await school.api('demo-admin', 'rooms.save', {
    schoolId: 'demo-school',
    name: '关爱室',
    devices: [
      {
        name: '手机',
        kind: 'phone',
        wechatName: '青山小学关爱室',
        hours: { '1': allDay, '2': allDay, '3': allDay, '4': allDay, '5': allDay, '6': allDay, '7': allDay },
      },
    ],
  });
  deviceId = room.devices[0].id;
  const db = school.db();
  const bindings = (
    await db
      .collection('bindings')
      .where({ role: db.command.in(['parent', 'guardian']) })
      .get()
  ).data as { _id: string; openid: string; childId: string }[];
  parent01 = bindings.find((b) => b.openid === 'demo-parent' && b.childId === 'demo-child-01')!._id;
  await db.collection('bindings').add({
    openid: 'parent-of-03',
    role: 'parent',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: 'demo-child-03',
    communityId: null,
    label: '陈一诺的爸爸',
    createdAt: new Date(),
    revokedAt: null,
  });
});

const today = () => beijingDate(new Date());
/** A day as the pages show it in this year: 12月5日. */
const monthDay = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const teacher = () => school.phone('demo-teacher');
const parent = () => school.phone('demo-parent');

/** Book a one-off call on `date` at `time` (simulated `now` lets a test put a call in the past). */
async function bookOnce(childId: string, parentId: string, date: string, time: string, now?: Date) {
  return school.api(
    'demo-teacher',
    'familyCalls.book',
    {
      childId,
      deviceId,
      weekday: weekdayOf(date) as Weekday,
      time,
      minutes: 30,
      startDate: now ? beijingDate(now) : date,
      weeks: 1,
      parentBindingIds: [parentId],
    },
    now,
  );
}

describe('teacher: the week agenda', () => {
  test('opens on the own class in one call and shows the week’s calls, coverage and children', async () => {
    const date = addDays(today(), 2);
    await bookOnce('demo-child-01', parent01, date, '19:00');
    const page = openPage(teacher(), 'areas/family-calls/pages/week', { date });
    await waitForText(page, '三年级(1)班 · 亲情视频');
    expect(partText(page, '.agenda')).toContain('林小禾');
    expect(partText(page, '.agenda')).toContain('19:00');
    expect(partText(page, '.agenda')).toContain('待确认');
    expect(partText(page, '.coverage')).toMatch(/本周已联系 \d\/3 名留守儿童/);
    expect(partText(page, '.children')).toContain('周子墨');
    expect(partText(page, '.children')).not.toContain('吴星辰'); // not left behind

    const label = partText(page, '.week-label');
    tapText(page, '.next-week', '下一周');
    await waitFor(page, () => partText(page, '.week-label') !== label && !textOf(page).includes('正在加载'), 'the next week');
    expect(partText(page, '.agenda')).not.toContain('林小禾');
  });

  test('logging a family-phone call from a child row adds it to the week and to the coverage', async () => {
    const page = openPage(teacher(), 'areas/family-calls/pages/week');
    await waitForFirstScreen(page);
    tapText(page, '.phone-link', '登记电话');
    await waitForText(page, '登记亲情电话：');
    const who = partText(page, '.phone-form');
    expect(who).toContain('林小禾');
    // it was yesterday evening (on a Monday: this morning, so that it is in this week)
    const day = weekdayOf(today()) === 1 ? today() : addDays(today(), -1);
    await pickDate(page, '.phone-date', day);
    typeInto(page, '.phone-time', weekdayOf(today()) === 1 ? '00:05' : '19:40');
    typeInto(page, '.phone-minutes', '6');
    typeInto(page, '.phone-who', '妈妈');
    typeInto(page, '.phone-note', '说了考试的事');
    tapButton(page, '.phone-save');
    await waitFor(page, () => partText(page, '.phones').includes('与妈妈'), 'the logged call');
    expect(partText(page, '.phones')).toContain('6分钟 · 说了考试的事');
    expect(partText(page, '.children')).toContain('本周已联系');
    const logged = (await school.db().collection('phoneCalls').where({ childId: 'demo-child-01', note: '说了考试的事' }).get()).data as { at: Date }[];
    expect(logged).toMatchObject([{ who: '妈妈', minutes: 6 }]);
    expect(beijingDate(logged[0].at)).toBe(day);
  });

  test('a parent cannot open it', async () => {
    const page = openPage(parent(), 'areas/family-calls/pages/week');
    await waitForText(page, '无权');
  });
});

describe('admin: the school’s week', () => {
  test('shows each class’s calls and coverage, no call one by one; a tap opens the class’s week', async () => {
    const date = addDays(today(), 3);
    await bookOnce('demo-child-01', parent01, date, '18:30');
    const navigateTo = jest.spyOn(wx, 'navigateTo');
    const page = openPage(school.phone('demo-admin'), 'areas/family-calls/pages/week', { schoolId: 'demo-school', date });
    await waitForText(page, '各班本周');
    expect(partText(page, '.classes')).toContain('三年级(1)班');
    expect(partText(page, '.classes')).toMatch(/亲情视频 \d+ 次，已完成 \d+ 次/);
    expect(partText(page, '.classes')).toMatch(/已联系 \d\/3/);
    expect(page.querySelector('.agenda')).toBeFalsy();
    expect(page.querySelector('.children')).toBeFalsy();
    tapText(page, '.class-row', '三年级(1)班');
    await waitFor(page, () => navigateTo.mock.calls.length > 0, 'the tap to reach wx.navigateTo');
    const week = await school.api('demo-admin', 'familyCalls.week', { schoolId: 'demo-school', date });
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/areas/family-calls/pages/week/index?classId=demo-class-3-1&date=${week.from}` }));
  });
});

describe('teacher: booking', () => {
  test("suggestions follow the parent's times; a tap fills the form; booking shows the first call", async () => {
    await school.api('demo-guardian', 'familyCalls.availability', {
      childId: 'demo-child-02',
      slots: [{ weekday: 6, start: '10:00', end: '11:00' }],
    });
    const page = openPage(teacher(), 'areas/family-calls/pages/book', { childId: 'demo-child-02' });
    await waitForText(page, '周子墨 · 每周亲情视频');
    expect(partText(page, '.parents')).toContain('周子墨的外婆');
    expect(partText(page, '.parents')).toContain('方便接听：周六 10:00-11:00');
    expect(partText(page, '.suggestions')).toContain('周六 10:00 · 手机');
    // the device with its hours a day at a time (a line never breaks inside one day's hours)
    const hours = page.querySelectorAll('.device-options >>> .device-hours__line').map((n) => nodeText(n));
    expect(hours).toEqual(['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((d) => `${d} 00:00-24:00`));
    tapText(page, '.suggestion', '周六 10:00');
    await pickDate(page, '.start-input', addDays(today(), 1));
    expect(partText(page, '.start-input')).toContain(monthDay(addDays(today(), 1)));
    typeInto(page, '.weeks-input', '2');
    tapButton(page, '.book-button');
    await waitForText(page, '预约成功');
    expect(textOf(page)).toContain('已为周子墨预约 2 次亲情视频');
    expect(textOf(page)).toMatch(/第一次：.*10:00/);
  });

  test('clashing weeks are listed; "skip these dates" books the rest', async () => {
    const start = addDays(today(), 1);
    // 周子墨 holds the next two Saturdays 10:00 on the only device: 陈一诺 for three Saturdays clashes twice.
    const page = openPage(teacher(), 'areas/family-calls/pages/book', { childId: 'demo-child-03' });
    await waitForText(page, '陈一诺 · 每周亲情视频');
    tapText(page, '.weekday-option', '周六');
    typeInto(page, '.time-input', '10:00');
    await pickDate(page, '.start-input', start);
    typeInto(page, '.weeks-input', '3');
    tapButton(page, '.book-button');
    await waitForText(page, '有 2 次通话无法安排');
    expect(partText(page, '.conflict')).toContain('手机这个时段已被预约');
    tapButton(page, '.skip-button');
    await waitForText(page, '预约成功');
    expect(textOf(page)).toContain('已为陈一诺预约 1 次亲情视频');
  });

  test('each clashing date is listed with its reason from the typed conflict; skipping leaves out exactly those dates', async () => {
    // 周子墨 takes the next two Sundays 15:00 on the only device; 陈一诺 asks for three Sundays from the same day.
    const db = school.db();
    const guardian02 = (await db.collection('bindings').where({ openid: 'demo-guardian', childId: 'demo-child-02' }).get()).data[0] as {
      _id: string;
    };
    const start = addDays(today(), 1);
    const sundays = [0, 1, 2].map((k) => addDays(start, ((7 - weekdayOf(start) + 7) % 7) + 7 * k));
    await school.api('demo-teacher', 'familyCalls.book', {
      childId: 'demo-child-02',
      deviceId,
      weekday: 7,
      time: '15:00',
      minutes: 30,
      startDate: start,
      weeks: 2,
      parentBindingIds: [guardian02._id],
    });
    const answer = await school.answer('demo-teacher', 'familyCalls.book', {
      childId: 'demo-child-03',
      deviceId,
      weekday: 7,
      time: '15:00',
      minutes: 30,
      startDate: start,
      weeks: 3,
      parentBindingIds: [(await db.collection('bindings').where({ openid: 'parent-of-03' }).get()).data[0]._id],
    });
    expect(answer.ok).toBe(false);
    if (!answer.ok)
      expect(answer.error.details?.map((d) => ('date' in d ? [d.date, d.reason] : null))).toEqual(sundays.slice(0, 2).map((d) => [d, '手机这个时段已被预约']));

    const page = openPage(teacher(), 'areas/family-calls/pages/book', { childId: 'demo-child-03' });
    await waitForText(page, '陈一诺 · 每周亲情视频');
    tapText(page, '.weekday-option', '周日');
    typeInto(page, '.time-input', '15:00');
    await pickDate(page, '.start-input', start);
    typeInto(page, '.weeks-input', '3');
    tapButton(page, '.book-button');
    await waitForText(page, '有 2 次通话无法安排');
    expect(page.querySelectorAll('.conflict__line').map((n) => nodeText(n).trim())).toEqual(
      sundays.slice(0, 2).map((d) => `${monthDay(d)}：手机这个时段已被预约`),
    );
    tapButton(page, '.skip-button');
    await waitForText(page, '预约成功');
    expect(textOf(page)).toContain('已为陈一诺预约 1 次亲情视频');
    const booked = (await db.collection('familyCalls').where({ childId: 'demo-child-03', time: '15:00' }).get()).data as { date: string }[];
    expect(booked.map((c) => c.date)).toEqual([sundays[2]]);
  });

  test('an unknown or someone else’s child shows the refusal', async () => {
    const page = openPage(teacher(), 'areas/family-calls/pages/book', { childId: 'demo-child-05' });
    await waitForText(page, '无权访问');
    // a refusal is the forbidden state: no retry would change it
    expect(page.data.state).toBe('forbidden');
    expect(page.querySelector('.screen >>> .retry')).toBeFalsy();
  });
});

describe('teacher: one call', () => {
  test('records a finished call: minutes, who joined, mood, note', async () => {
    const yesterday = addDays(today(), -1);
    const booked = await bookOnce('demo-child-01', parent01, yesterday, '19:00', fromBeijing(`${addDays(today(), -2)} 08:00`));
    const page = openPage(teacher(), 'areas/family-calls/pages/record', { id: booked.first.id });
    await waitForText(page, '林小禾 · 亲情视频');
    expect(partText(page, '.status')).toContain('待登记结果');
    typeInto(page, '.minutes-input', '22');
    tapText(page, '.outcome >>> .mood-option', '开心');
    typeInto(page, '.note-input', '聊了学习');
    tapButton(page, '.outcome >>> .record-button');
    await waitForText(page, '已登记：通话完成');
    expect(partText(page, '.status')).toContain('已完成');
    const detail = await school.api('demo-teacher', 'familyCalls.get', { callId: booked.first.id });
    expect(detail.call.outcome).toMatchObject({ minutes: 22, mood: 'happy', note: '聊了学习', joined: ['林小禾的妈妈'] });
  });

  test('records a missed call and offers to rebook', async () => {
    const yesterday = addDays(today(), -1);
    const booked = await bookOnce('demo-child-01', parent01, yesterday, '20:00', fromBeijing(`${addDays(today(), -2)} 08:00`));
    const navigateTo = jest.spyOn(wx, 'navigateTo');
    const page = openPage(teacher(), 'areas/family-calls/pages/record', { id: booked.first.id });
    await waitForFirstScreen(page);
    tapText(page, '.outcome >>> .result-option', '未接通');
    await waitFor(page, () => !!page.querySelector('.outcome >>> .reason-input'), 'the missed form');
    tapButton(page, '.outcome >>> .record-button');
    await waitForText(page, '请选择未接通的原因方并填写原因');
    tapText(page, '.outcome >>> .missed-option', '家长未接听');
    typeInto(page, '.reason-input', '妈妈在加班');
    tapButton(page, '.outcome >>> .record-button');
    await waitForText(page, '已登记：未接通，请尽快补约一次');
    tapText(page, '.rebook-link', '补约');
    await waitFor(page, () => navigateTo.mock.calls.length > 0, 'the tap to reach wx.navigateTo');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: `/areas/family-calls/pages/book/index?childId=demo-child-01&rebookOf=${booked.first.id}` }),
    );
  });

  test("answers a parent's request to move by accepting a proposed time", async () => {
    const date = addDays(today(), 4);
    const booked = await bookOnce('demo-child-01', parent01, date, '18:00');
    await school.api('demo-parent', 'familyCalls.requestMove', {
      callId: booked.first.id,
      proposals: [{ date: addDays(today(), 5), time: '18:30' }],
      note: '那天加班',
    });
    const page = openPage(teacher(), 'areas/family-calls/pages/record', { id: booked.first.id });
    await waitForText(page, '林小禾的妈妈申请改期');
    expect(partText(page, '.request')).toContain('那天加班');
    tapText(page, '.accept-link', '同意这个时间');
    await waitForText(page, '已同意改期，已通知家长');
    expect(partText(page, '.status')).toContain('家长已确认');
    expect(page.querySelector('.request')).toBeFalsy();
    const detail = await school.api('demo-teacher', 'familyCalls.get', { callId: booked.first.id });
    expect(detail.call).toMatchObject({ date: addDays(today(), 5), time: '18:30', status: 'confirmed' });
  });

  test('moves this one call, then cancels it after confirming', async () => {
    const date = addDays(today(), 6);
    const booked = await bookOnce('demo-child-01', parent01, date, '17:00');
    const page = openPage(teacher(), 'areas/family-calls/pages/record', { id: booked.first.id });
    await waitForFirstScreen(page);
    tapText(page, '.change >>> .section__title', '改期或取消');
    await waitFor(page, () => !!page.querySelector('.change >>> .move-time'), 'the move form');
    typeInto(page, '.move-time', '17:30');
    tapButton(page, '.change >>> .move-button');
    await waitForText(page, '已改期 1 次，已通知家长重新确认');
    expect(partText(page, '.status')).toContain('已改期，待确认');

    tapText(page, '.change >>> .section__title', '改期或取消');
    await waitFor(page, () => !!page.querySelector('.change >>> .cancel-one >>> .t-button'), 'the cancel buttons');
    typeInto(page, '.cancel-reason', '学校临时活动');
    // asked first; 取消 in the dialog changes nothing
    tapButton(page, '.change >>> .cancel-one');
    await waitFor(page, () => partText(page, '.confirm').includes('确定取消这一次通话吗？'), 'the confirm dialog');
    page.querySelector('.confirm >>> .dialog-btn--cancel >>> .t-button')!.dispatchEvent('tap');
    await waitFor(page, () => !partText(page, '.confirm').includes('确定取消这一次通话吗？'), 'the dialog closed');
    expect((await school.api('demo-teacher', 'familyCalls.get', { callId: booked.first.id })).call.status).not.toBe('cancelled');
    tapButton(page, '.change >>> .cancel-one');
    await waitFor(page, () => partText(page, '.confirm').includes('确定取消这一次通话吗？'), 'the confirm dialog again');
    page.querySelector('.confirm >>> .dialog-btn--ok >>> .t-button')!.dispatchEvent('tap');
    await waitForText(page, '已取消 1 次通话，已通知家长');
    expect(partText(page, '.status')).toContain('已取消');
    expect(page.querySelector('.change')).toBeFalsy();
    const parentInbox = await school.api('demo-parent', 'inbox.list', {});
    expect(parentInbox.items.some((i) => i.kind === 'familyCall.cancelled' && i.body.includes('学校临时活动'))).toBe(true);
  });
});

describe('parent: the teacher’s page of a call', () => {
  test('a parent opening 登记结果 of their own child’s call sees the forbidden state, not the form', async () => {
    const booked = await bookOnce('demo-child-01', parent01, addDays(today(), 9), '06:15');
    // the call is theirs to read (下次视频 shows it): the page is still the teacher's
    expect((await school.api('demo-parent', 'familyCalls.get', { callId: booked.first.id })).viewAs).toBe('parent');
    const page = openPage(parent(), 'areas/family-calls/pages/record', { id: booked.first.id });
    await waitFor(page, () => page.data.state === 'forbidden', 'the refusal');
    expect(textOf(page)).toContain('通话结果由老师登记');
    expect(page.querySelector('.outcome')).toBeFalsy();
    expect(page.querySelector('.change')).toBeFalsy();
    expect(textOf(page)).not.toContain('保存结果');
    await school.api('demo-teacher', 'familyCalls.cancel', { callId: booked.first.id, scope: 'one' });
  });
});

describe('parent: the next call', () => {
  let nextId = '';
  beforeAll(async () => {
    // A clean slate for 林小禾: cancel what the teacher tests booked ahead, then one call in three days.
    const mine = await school.api('demo-parent', 'familyCalls.mine', {});
    for (const c of [mine.children[0].next, ...mine.children[0].upcoming])
      if (c) await school.api('demo-teacher', 'familyCalls.cancel', { callId: c.id, scope: 'one' });
    nextId = (await bookOnce('demo-child-01', parent01, addDays(today(), 3), '19:30')).first.id;
  });

  test("shows only their own child's next call, in their words, and confirms it", async () => {
    const page = openPage(parent(), 'areas/family-calls/pages/next');
    await waitForFirstScreen(page);
    expect(textOf(page)).toContain('林小禾');
    expect(textOf(page)).not.toContain('周子墨');
    expect(textOf(page)).not.toContain('陈一诺');
    const expected = whenLabel(fromBeijing(`${addDays(today(), 3)} 19:30`), new Date());
    expect(partText(page, '.next-call__when')).toBe(expected);
    expect(expected).toMatch(/还有3天|3天/);
    expect(partText(page, '.next-call')).toContain('老师会用关爱室的手机给您打微信视频');
    expect(partText(page, '.history')).toContain('已完成');
    expect(partText(page, '.history')).toContain('未接通');

    tapButton(page, '.confirm-button');
    await waitForText(page, '已确认，到时请准时接听');
    expect(partText(page, '.next-call__status')).toContain('家长已确认');
    expect((await school.api('demo-parent', 'familyCalls.get', { callId: nextId })).call.status).toBe('confirmed');
  });

  test('asks to move with proposed times; an impossible one is explained', async () => {
    const page = openPage(parent(), 'areas/family-calls/pages/next');
    await waitForFirstScreen(page);
    tapButton(page, '.ask-button');
    await waitForText(page, '申请改期：建议的时间');
    // the picker offers no day before today; today at 00:00 has gone by all the same
    await pickDate(page, '.proposal-date', today());
    typeInto(page, '.proposal-time', '00:00');
    tapButton(page, '.send-request');
    await waitForText(page, '时间已过');
    await pickDate(page, '.proposal-date', addDays(today(), 4));
    typeInto(page, '.proposal-time', '19:00');
    typeInto(page, '.request-note', '周末轮休');
    tapButton(page, '.send-request');
    await waitForText(page, '已提交改期申请，请等待老师回复');
    expect(partText(page, '.next-call')).toContain('已申请改期，等待老师回复');
  });

  test('states the times they can take calls', async () => {
    const page = openPage(parent(), 'areas/family-calls/pages/next');
    await waitForFirstScreen(page);
    tapText(page, '.edit-availability', '修改');
    await waitForText(page, '添加这个时间段');
    tapText(page, '.slot-weekday', '周三');
    typeInto(page, '.slot-start', '19:00');
    typeInto(page, '.slot-end', '21:00');
    tapText(page, '.add-slot', '添加这个时间段');
    tapButton(page, '.save-availability');
    await waitForText(page, '已保存方便接听的时间');
    expect(partText(page, '.availability')).toContain('周三 19:00-21:00');
  });

  test('the whole contact history, family-phone calls included, opens on request', async () => {
    await school.api('demo-teacher', 'phoneCalls.log', {
      childId: 'demo-child-01',
      date: addDays(today(), -2),
      time: '18:10',
      minutes: 12,
      who: '妈妈',
      note: '说起运动会',
    });
    const page = openPage(parent(), 'areas/family-calls/pages/next');
    await waitForFirstScreen(page);
    expect(partText(page, '.history')).not.toContain('亲情电话（妈妈）');
    tapText(page, '.all-history', '全部通话记录');
    await waitFor(page, () => partText(page, '.history').includes('亲情电话（妈妈）'), 'the whole history');
    expect(partText(page, '.history')).toContain('12分钟 · 说起运动会');
    // one page holds everything here: no 更早的记录 link
    expect(partText(page, '.history')).not.toContain('更早的记录');
  });

  test('a guardian of two children sees both; a teacher is refused', async () => {
    const page = openPage(school.phone('demo-guardian'), 'areas/family-calls/pages/next');
    await waitForFirstScreen(page);
    expect(textOf(page)).toContain('林小禾');
    expect(textOf(page)).toContain('周子墨');
    const refused = openPage(teacher(), 'areas/family-calls/pages/next');
    await waitForText(refused, '无权');
  });
});
