/**
 * 每周联系率 (pages/coverage) under miniprogram-simulate with real TDesign components, against the real emulator
 * (demo school seeded) through the real local transport. 林小禾 had a family-phone call this week and has a mentor and
 * a buddy; no other left-behind child has any contact or pairing. What the page shows is checked against
 * familyCalls.coverage and care.coverage.
 */
import { nodeText, openPage, partText, withText } from './helpers/phone';
import { tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';
const CLASS = 'demo-class-3-1';

/** Beijing "YYYY-MM-DD" and "HH:mm" of now (truncated to the minute, so never later than the server's now). */
function beijingNow(): { date: string; time: string } {
  const iso = new Date(Date.now() + 8 * 3600000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

const school = useDemoSchool(async () => {
  await school.api('demo-teacher', 'phoneCalls.log', { childId: 'demo-child-01', ...beijingNow(), minutes: 10, who: '妈妈' });
  const { people } = await school.api('demo-admin', 'people.list', { schoolId: SCHOOL });
  const teacher = people.find((p) => p.openid === 'demo-teacher' && p.role === 'teacher')!;
  const { version } = await school.api('demo-teacher', 'privacy.notice', {});
  await school.api('demo-teacher', 'consent.record', {
    childId: 'demo-child-01',
    decision: 'granted',
    noticeVersion: version,
    method: 'paper',
    signerName: '林建国',
    signerRelation: '父亲',
  });
  await school.api('demo-teacher', 'care.pair', {
    childId: 'demo-child-01',
    kind: 'mentor',
    teacherBindingId: teacher.bindingId,
    name: '王老师',
  });
  await school.api('demo-teacher', 'care.pair', { childId: 'demo-child-01', kind: 'buddy', buddyChildId: 'demo-child-04' });
});

const flaggedRow = (page: Rendered, name: string) => withText(page, '.flagged-row', name)[0];
const careRow = (page: Rendered, name: string) => withText(page, '.care-row', name)[0];
const flat = (s: string) => s.replace(/\s+/g, '');

test('the teacher sees the class’s contact rate this week, who had none for two weeks, and who has no mentor or buddy', async () => {
  const contact = await school.api('demo-teacher', 'familyCalls.coverage', { classId: CLASS });
  const care = await school.api('demo-teacher', 'care.coverage', { classId: CLASS });
  expect(contact.school).toEqual({ leftBehind: 3, contacted: 1, rate: 33 });
  expect(care).toMatchObject({ total: 3, covered: 1 });

  const page = openPage(school.phone('demo-teacher'), 'areas/family-calls/pages/coverage');
  await waitForText(page, '每周联系率');
  expect(partText(page, '.intro__title')).toContain('三年级(1)班 每周联系率');
  expect(partText(page, '.week__text')).toContain('（本周）');
  expect(partText(page, '.summary__rate')).toBe(`${contact.school.rate}%`);
  expect(flat(partText(page, '.summary__text'))).toContain(`${contact.school.contacted}/${contact.school.leftBehind}人`);
  // one class: no per-class list
  expect(page.querySelector('.classes')).toBeFalsy();

  expect(partText(page, '.flagged')).toContain(`两周都没有联系（${contact.flagged.length}）`);
  expect(contact.flagged.map((c) => c.name).sort()).toEqual(['周子墨', '陈一诺'].sort());
  expect(nodeText(flaggedRow(page, '周子墨'))).toContain('8 周以上没有联系');
  expect(nodeText(flaggedRow(page, '周子墨'))).toContain('近 8 周没有联系记录');
  expect(nodeText(flaggedRow(page, '周子墨'))).toContain('还没有帮扶教师');
  expect(flaggedRow(page, '陈一诺')).toBeTruthy();
  expect(flaggedRow(page, '林小禾')).toBeUndefined();

  expect(partText(page, '.care')).toContain(`已有帮扶教师和结对同学 ${care.covered}/${care.total} 人`);
  expect(nodeText(careRow(page, '周子墨'))).toContain('无帮扶教师');
  expect(nodeText(careRow(page, '周子墨'))).toContain('无结对同学');
  expect(careRow(page, '林小禾')).toBeUndefined();
  expect(page.querySelectorAll('.care-row')).toHaveLength(care.uncovered.length);

  // the links: book a call, pair
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  page.querySelector('.flagged-row--demo-child-02 >>> .t-button')!.dispatchEvent('tap');
  await waitFor(page, () => navigate.mock.calls.length > 0, 'wx.navigateTo');
  expect(navigate).toHaveBeenLastCalledWith({ url: '/areas/family-calls/pages/book/index?childId=demo-child-02' });
  page.querySelector('.care-row--demo-child-03 >>> .t-button')!.dispatchEvent('tap');
  await waitFor(page, () => navigate.mock.calls.length > 1, 'wx.navigateTo again');
  expect(navigate).toHaveBeenLastCalledWith({ url: '/areas/archive/pages/pairing/index?childId=demo-child-03&kind=mentor' });
});

test('the previous week has no contact: 林小禾 is flagged there too, and 下一周 comes back to this week', async () => {
  const page = openPage(school.phone('demo-teacher'), 'areas/family-calls/pages/coverage', { classId: CLASS });
  await waitForText(page, '（本周）');
  const thisWeek = partText(page, '.week__text');
  expect(page.querySelector('.week-next')).toBeFalsy();

  tap(page, '.week-prev');
  await waitFor(page, () => !textOf(page).includes('正在加载') && !!page.querySelector('.week-next'), 'the previous week');
  const from = (page.instance.data as { weekFrom: string }).weekFrom;
  const previous = await school.api('demo-teacher', 'familyCalls.coverage', { classId: CLASS, date: from });
  expect(previous.school).toEqual({ leftBehind: 3, contacted: 0, rate: 0 });
  expect(partText(page, '.summary__rate')).toBe('0%');
  expect(flat(partText(page, '.summary__text'))).toContain('0/3人');
  expect(partText(page, '.week__text')).not.toContain('本周');
  expect(partText(page, '.flagged')).toContain(`两周都没有联系（${previous.flagged.length}）`);
  expect(flaggedRow(page, '林小禾')).toBeTruthy();

  tap(page, '.week-next');
  await waitFor(page, () => partText(page, '.week__text') === thisWeek, 'this week again');
  expect(flaggedRow(page, '林小禾')).toBeUndefined();
});

test('the admin sees the school: the rate per class, flagged children with their class, as the API counts them', async () => {
  const contact = await school.api('demo-admin', 'familyCalls.coverage', { schoolId: SCHOOL });
  const care = await school.api('demo-admin', 'care.coverage', { schoolId: SCHOOL });
  expect(contact.school).toEqual({ leftBehind: 7, contacted: 1, rate: 14 });

  const page = openPage(school.phone('demo-admin'), 'areas/family-calls/pages/coverage', { schoolId: SCHOOL });
  await waitForText(page, '各班联系率');
  expect(partText(page, '.intro__title')).toContain('全校 每周联系率');
  expect(partText(page, '.summary__rate')).toBe('14%');
  expect(flat(partText(page, '.summary__text'))).toContain('1/7人');
  for (const c of contact.classes) {
    const text = partText(page, `.class-row--${c.classId}`);
    expect(text).toContain(c.name);
    expect(text).toContain(`${c.contacted}/${c.leftBehind} 人`);
    expect(text).toContain(c.rate === null ? '—' : `${c.rate}%`);
  }
  expect(partText(page, '.class-row--demo-class-3-1')).toContain('33%');
  expect(page.querySelectorAll('.flagged-row')).toHaveLength(contact.flagged.length);
  expect(nodeText(flaggedRow(page, '郑可欣'))).toContain('三年级(2)班');
  expect(nodeText(flaggedRow(page, '何家乐'))).toContain('五年级(1)班');
  expect(page.querySelectorAll('.care-row')).toHaveLength(care.uncovered.length);
  expect(partText(page, '.care')).toContain(`${care.covered}/${care.total} 人`);
});

test('a parent is refused', async () => {
  const page = openPage(school.phone('demo-parent'), 'areas/family-calls/pages/coverage');
  await waitForText(page, '只有管理员和班主任可以查看联系率');
  expect(textOf(page)).not.toContain('周子墨');
});
