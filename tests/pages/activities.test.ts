/**
 * The activity pages (areas/activities) under miniprogram-simulate with real TDesign components, against the real
 * emulator (demo school seeded): the month's list, taking attendance by tapping each child and saving once, the
 * activity form, a parent meeting's sign-in, and a child's honours. The pages run on the real clock.
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import { textOf, waitFor, waitForFirstScreen, waitForText } from './helpers/render';
import { openPage, partText, tapButton, typeInto } from './helpers/phone';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const navigations: string[] = [];
const today = () => beijingDate(new Date());
let activityId = '';

const school = useDemoSchool(async () => {
  const made = await school.api('demo-teacher', 'activities.create', {
    classId: 'demo-class-3-1',
    kind: 'class_meeting',
    title: '主题班会：感恩父母',
    date: today(),
    place: '三年级(1)班教室',
    organiser: '班主任',
    childIds: ['demo-child-01', 'demo-child-02', 'demo-child-03'],
  });
  activityId = made.id;
});

beforeEach(() => {
  navigations.length = 0;
  const w = wx as unknown as Record<string, unknown>;
  w.navigateTo = (o: { url: string }) => navigations.push(o.url);
  w.redirectTo = (o: { url: string }) => navigations.push(`redirect:${o.url}`);
  w.setNavigationBarTitle = () => undefined;
});

const teacher = (name: string, query: Record<string, string> = {}) => openPage(school.phone('demo-teacher'), name, query);

test("the month's list shows the class's activities with their attendance, and opens one", async () => {
  const page = teacher('areas/activities/pages/list');
  await waitForFirstScreen(page);
  expect(partText(page, '.activity--0')).toContain('主题班会：感恩父母');
  expect(partText(page, '.activity--0')).toContain('未点名（3 人）');
  expect(textOf(page)).not.toMatch(/\d{4}-\d{2}-\d{2}|class_meeting|demo-/);
  page.querySelector('.activity--0')!.dispatchEvent('tap');
  await waitFor(page, () => navigations.length > 0, 'the activity opens');
  expect(navigations).toEqual([`/areas/activities/pages/activity/index?id=${activityId}`]);
});

test('taking attendance: tap each child present, absent or on leave, one save; the server counts it per child', async () => {
  const page = teacher('areas/activities/pages/activity', { id: activityId });
  await waitForText(page, '点一下每个人的出席、缺席或请假');
  expect(partText(page, '.intro__summary')).toBe('共邀请 3 人，还没有点名');
  page.querySelector('.people >>> .person--demo-child-01 .mark--present')!.dispatchEvent('tap');
  page.querySelector('.people >>> .person--demo-child-02 .mark--leave')!.dispatchEvent('tap');
  page.querySelector('.people >>> .person--demo-child-03 .mark--absent')!.dispatchEvent('tap');
  page.querySelector('.people >>> .person--demo-child-03 .mark--present')!.dispatchEvent('tap');
  await waitFor(page, () => partText(page, '.save').includes('保存点名（3 人）'), 'three children marked');
  tapButton(page, '.save');
  await waitForText(page, '点名已保存：出席 2 人');
  expect(partText(page, '.intro__summary')).toBe('出席 2 人，共邀请 3 人');
  const stored = await school.api('demo-teacher', 'activities.get', { activityId });
  expect(Object.fromEntries(stored.people.map((p) => [p.personId, p.status]))).toEqual({
    'demo-child-01': 'present',
    'demo-child-02': 'leave',
    'demo-child-03': 'present',
  });
  // the photos go to the activity's class: the composer opens on 三年级(1)班
  tapButton(page, '.photos');
  await waitFor(page, () => navigations.length > 0, 'the composer opens');
  expect(navigations).toEqual(['/areas/growth/pages/compose/index?classId=demo-class-3-1']);
});

test('materials handed to the children present: checked on the phone, recorded once in each ledger, with the link to it', async () => {
  const page = teacher('areas/activities/pages/activity', { id: activityId });
  await waitForText(page, '发放物资（记入孩子的帮扶台账）');
  // only the children present (林小禾, 陈一诺) can be given anything; 周子墨 was on leave
  expect(partText(page, '.materials >>> .f-children')).toContain('已选 0 / 2 人');
  expect(page.querySelector('.materials >>> .f-children >>> .chip--demo-child-02')).toBeFalsy();
  tapButton(page, '.materials >>> .hand-out-save');
  await waitForText(page, '请填写发放的物资，如书包、文具');
  page.querySelector('.materials >>> .item--0')!.dispatchEvent('tap');
  typeInto(page, '.materials >>> .f-quantity', '0');
  tapButton(page, '.materials >>> .hand-out-save');
  await waitForText(page, '每人数量请填 1 到 1000 的整数');
  typeInto(page, '.materials >>> .f-quantity', '1');
  tapButton(page, '.materials >>> .hand-out-save');
  await waitForText(page, '请选择领到物资的孩子');
  page.querySelector('.materials >>> .source--donor')!.dispatchEvent('tap');
  page.querySelector('.materials >>> .f-children >>> .chip--demo-child-01')!.dispatchEvent('tap');
  await waitFor(page, () => partText(page, '.materials >>> .f-children').includes('已选 1 / 2 人'), 'one child picked');
  tapButton(page, '.materials >>> .hand-out-save');
  await waitForText(page, '已登记 1 个孩子领到书包，记入帮扶台账');
  expect(partText(page, '.people >>> .person--demo-child-01')).toContain('领到：书包 1 件');
  const ledger = await school.api('demo-teacher', 'assistance.ledger', { childId: 'demo-child-01' });
  expect(JSON.stringify(ledger)).toContain('主题班会：感恩父母');
  expect(JSON.stringify(ledger)).toContain('"sourceLabel":"爱心人士"');
  page.querySelector('.materials >>> .ledger--demo-child-01')!.dispatchEvent('tap');
  await waitFor(page, () => navigations.length > 0, 'the ledger opens');
  expect(navigations).toEqual(['/areas/community/pages/ledger/index?childId=demo-child-01']);
  // the same again: nothing recorded twice
  page.querySelector('.materials >>> .f-children >>> .chip--demo-child-01')!.dispatchEvent('tap');
  tapButton(page, '.materials >>> .hand-out-save');
  await waitForText(page, '1 个孩子之前已登记过，没有重复记入');
});

test('the activity form invites the whole class by default and opens the new activity', async () => {
  const page = teacher('areas/activities/pages/edit');
  await waitForFirstScreen(page);
  expect(partText(page, '.f-children')).toContain('已选 4 / 4 人');
  tapButton(page, '.actions');
  await waitForText(page, '请填写活动名称');
  typeInto(page, '.f-title', '图书室读书会');
  typeInto(page, '.f-place', '图书室');
  page.querySelector('.f-children >>> .chip--demo-child-04')!.dispatchEvent('tap');
  await waitFor(page, () => partText(page, '.f-children').includes('已选 3 / 4 人'), 'one child taken out');
  tapButton(page, '.actions');
  await waitFor(page, () => navigations.length > 0, 'the new activity opens');
  expect(navigations[0]).toMatch(/^redirect:\/areas\/activities\/pages\/activity\/index\?id=act_/);
  const id = navigations[0].split('id=')[1];
  expect((await school.api('demo-teacher', 'activities.get', { activityId: id })).people.map((p) => p.name).sort()).toEqual(
    ['周子墨', '林小禾', '陈一诺'].sort(),
  );
});

test("a parent meeting today: sign-in per family saved once; a child's honours page shows the honour", async () => {
  const made = await school.api('demo-teacher', 'meetings.schedule', {
    classId: 'demo-class-3-1',
    kind: 'parent_meeting',
    date: today(),
    time: '08:00',
    topic: '家长会：暑期安全',
    place: '教室',
    childIds: ['demo-child-01', 'demo-child-02'],
  });
  const page = teacher('areas/activities/pages/meeting', { id: made.id });
  await waitForText(page, '家长会：暑期安全');
  page.querySelector('.families >>> .person--demo-child-01 .mark--present')!.dispatchEvent('tap');
  tapButton(page, '.sign-in');
  await waitForText(page, '签到已保存');
  expect(partText(page, '.summary')).toContain('出席 1 个');

  await school.api('demo-teacher', 'honours.add', {
    childId: 'demo-child-01',
    title: '自强少年',
    level: 'county',
    date: today(),
    body: '青山县教育局',
    share: false,
  });
  const honours = openPage(school.phone('demo-parent'), 'areas/activities/pages/honours', { childId: 'demo-child-01' });
  await waitForText(honours, '自强少年');
  expect(partText(honours, '.honour--0')).toContain('县级');
  expect(textOf(honours)).not.toContain('登记荣誉');
});

test('a parent opens the meeting from the invitation: time, place, their own sign-in only; 签到 once on the day', async () => {
  const made = await school.api('demo-teacher', 'meetings.schedule', {
    classId: 'demo-class-3-1',
    kind: 'parent_meeting',
    date: today(),
    time: '08:00',
    topic: '家长会：读书分享',
    place: '三年级(1)班教室',
    agenda: ['孩子们的读书笔记展示', '家庭亲子阅读怎样做'],
    childIds: ['demo-child-01', 'demo-child-02'],
  });
  const page = openPage(school.phone('demo-parent'), 'areas/activities/pages/meeting', { id: made.id, childId: 'demo-child-01' });
  await waitForText(page, '家长会：读书分享');
  expect(partText(page, '.family >>> .f-place')).toContain('三年级(1)班教室');
  expect(partText(page, '.family >>> .f-when')).toMatch(/^时间\s*\d+月\d+日 08:00$/);
  expect(partText(page, '.family >>> .f-state')).toContain('未签到');
  expect(partText(page, '.family >>> .agenda--1')).toBe('2. 家庭亲子阅读怎样做');
  // no other family, no school-side list or raw ids
  expect(textOf(page)).not.toMatch(/周子墨|保存签到|会议纪要|demo-|\d{4}-\d{2}-\d{2}/);
  tapButton(page, '.family >>> .check-in');
  await waitForText(page, '已签到，感谢您来参加');
  expect(partText(page, '.family >>> .f-state')).toContain('出席');
  expect(page.querySelector('.family >>> .check-in')).toBeFalsy();
  const stored = await school.api('demo-teacher', 'meetings.get', { meetingId: made.id });
  expect(stored.families.map((f) => [f.childName, f.statusLabel])).toEqual([
    ['林小禾', '出席'],
    ['周子墨', '未签到'],
  ]);
  // another family's child in the link: refused, with the reason
  const other = openPage(school.phone('demo-parent'), 'areas/activities/pages/meeting', { id: made.id, childId: 'demo-child-02' });
  await waitForText(other, '无权访问该范围的数据');
});

test('a meeting that will not take place is cancelled with its reason; the families are told, sign-in closes', async () => {
  const tomorrow = beijingDate(new Date(Date.now() + 86400000));
  const made = await school.api('demo-teacher', 'meetings.schedule', {
    classId: 'demo-class-3-1',
    kind: 'parent_meeting',
    date: tomorrow,
    time: '15:00',
    topic: '家长会：假期安排',
    place: '三年级(1)班教室',
    childIds: ['demo-child-01'],
  });
  const page = teacher('areas/activities/pages/meeting', { id: made.id });
  await waitForText(page, '会议不开了？');
  tapButton(page, '.cancel');
  await waitForText(page, '请填写取消的原因（会告诉受邀的家长）');
  typeInto(page, '.f-reason', '暴雨停课，另行通知');
  tapButton(page, '.cancel');
  await waitForText(page, '会议已取消：暴雨停课，另行通知');
  expect(textOf(page)).not.toContain('会议不开了？');
  expect((await school.api('demo-teacher', 'meetings.get', { meetingId: made.id })).status).toBe('cancelled');
  const family = openPage(school.phone('demo-parent'), 'areas/activities/pages/meeting', { id: made.id, childId: 'demo-child-01' });
  await waitForText(family, '这次会议已取消：暴雨停课，另行通知');
  expect(family.querySelector('.family >>> .check-in')).toBeFalsy();
});
