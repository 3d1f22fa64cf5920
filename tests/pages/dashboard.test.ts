/**
 * 统计看板 (areas/dashboard) under miniprogram-simulate with real TDesign components, against the real emulator (demo
 * school and county seeded): what the pages show is what dashboard.school, dashboard.children and county.dashboard
 * answer; the county's pages show counts and open no child.
 */
import { nodeText, openPage, partText } from './helpers/phone';
import { tap, textOf, waitFor, waitForText } from './helpers/render';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';

const school = useDemoSchool(async () => {
  // 林小禾: address and consent filled in, a card with the parents' phones and a guardian: her archive is complete.
  const { version } = await school.api('demo-teacher', 'privacy.notice', {});
  await school.api('demo-teacher', 'consent.record', {
    childId: 'demo-child-01',
    decision: 'granted',
    noticeVersion: version,
    method: 'paper',
    signerName: '林建国',
    signerRelation: '父亲',
  });
  await school.api('demo-teacher', 'archive.update', {
    childId: 'demo-child-01',
    expectedVersion: 0,
    changes: { address: '青山村五组', vaccination: 'complete' },
  });
  await school.api('demo-teacher', 'contactCards.save', {
    childId: 'demo-child-01',
    expectedVersion: 0,
    parents: [{ name: '林建国', relation: '父亲', phone: '13800135678', workCity: '东莞', workUnit: null, workAddress: null, workPhone: null }],
    guardian: { name: '林桂芳', relation: '奶奶', occupation: '务农', address: '青山村五组', phone: '13700112233', health: '良好', age: 66, capable: true },
    emergency: null,
  });
});

const flat = (s: string) => s.replace(/\s+/g, '');

test('the admin sees every rate of the school against its target, the trend, and each class', async () => {
  const view = await school.api('demo-admin', 'dashboard.school', { schoolId: SCHOOL });
  const archive = view.rates.find((r) => r.key === 'archive')!;
  expect([archive.numerator, archive.denominator]).toEqual([1, 7]);

  const page = openPage(school.phone('demo-admin'), 'areas/dashboard/pages/school', { schoolId: SCHOOL });
  await waitForText(page, '按月趋势');
  expect(partText(page, '.intro__title')).toBe('青山镇中心小学（演示）');
  expect(page.querySelectorAll('.rate')).toHaveLength(9);
  expect(flat(partText(page, '.rate--archive'))).toContain('建档率14.3%');
  expect(flat(partText(page, '.rate--archive'))).toContain('1/7人');
  expect(flat(partText(page, '.rate--vaccination'))).toContain('目标95%');
  expect(partText(page, '.rate--vaccination')).toContain('未达标');
  expect(textOf(page)).toContain('儿童主任的入户走访');
  // one row per class, each with its own count
  expect(page.querySelectorAll('.class-row')).toHaveLength(view.classes.length);
  expect(flat(partText(page, '.class-row--demo-class-3-1'))).toContain('建档率33.3%');
  // the page works a row's percent out from its counts as the server does: each class row shows its own dashboard's rate
  for (const c of view.classes) {
    const own = (await school.api('demo-admin', 'dashboard.school', { classId: c.classId })).rates;
    for (const key of ['archive', 'vaccination', 'talks'] as const) {
      const rate = own.find((r) => r.key === key)!;
      expect(flat(partText(page, `.class-row--${c.classId}`))).toContain(`${rate.label}${rate.rate === null ? '—' : `${rate.rate}%`}`);
    }
  }
  // the trend of another rate
  page.querySelector('.trend-key--talks')!.dispatchEvent('tap');
  await waitFor(page, () => partText(page, '.trend-key--on') === '每月谈心完成率', 'the talks trend');
  expect(page.querySelectorAll('.trend-chart >>> .trend__col')).toHaveLength(view.trend.months.length);

  // a rate opens the children behind it
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  page.querySelector('.rate--archive >>> .rate-card')!.dispatchEvent('tap');
  await waitFor(page, () => navigate.mock.calls.length > 0, 'wx.navigateTo');
  expect(navigate).toHaveBeenLastCalledWith({ url: '/areas/dashboard/pages/rate/index?schoolId=demo-school&rate=archive' });
});

test('the drill-down lists the children not counted first, each with what is missing', async () => {
  const drill = await school.api('demo-admin', 'dashboard.children', { schoolId: SCHOOL, rate: 'archive' });
  const page = openPage(school.phone('demo-admin'), 'areas/dashboard/pages/rate', { schoolId: SCHOOL, rate: 'archive' });
  await waitForText(page, '未计入');
  expect(partText(page, '.intro__title')).toBe('青山镇中心小学（演示） · 建档率');
  expect(page.querySelectorAll('.missing .child')).toHaveLength(drill.children.filter((c) => !c.counted).length);
  expect(page.querySelectorAll('.counted .child')).toHaveLength(1);
  expect(partText(page, '.counted')).toContain('林小禾');
  expect(partText(page, '.missing')).toContain('周子墨');
  expect(partText(page, '.missing')).toContain('缺：监护人同意');
  expect(partText(page, '.missing')).not.toContain('林小禾');
});

test('a class teacher opening 统计 sees their class', async () => {
  const page = openPage(school.phone('demo-teacher'), 'areas/dashboard/pages/school');
  await waitForText(page, '按月趋势');
  expect(partText(page, '.intro__title')).toBe('三年级(1)班');
  expect(page.querySelector('.class-row')).toBeFalsy();
});

test('the county sees its schools side by side, opens a school’s counts, and no child', async () => {
  // The school's own dashboard keeps its counts (as the morning run does): the county's card says when they were counted.
  await school.api('demo-admin', 'dashboard.school', { schoolId: SCHOOL });
  const county = await school.api('demo-county', 'county.dashboard', {});
  const page = openPage(school.phone('demo-county'), 'areas/dashboard/pages/county');
  await waitForText(page, '全县合计');
  expect(partText(page, '.intro__title')).toBe('青山县（演示）');
  expect(page.querySelectorAll('.school')).toHaveLength(county.schools.length);
  expect(partText(page, '.school--demo-school')).toContain('建档率未达标');
  expect(partText(page, '.school--demo-school')).toMatch(/留守儿童 \d+ 人 · 今天 \d\d:\d\d统计/);
  // a new school has no counts kept yet: it is counted as the county opens the page
  const added = await school.api('demo-county', 'county.createSchool', { countyId: 'demo-county', name: '青山镇新建小学' });
  const again = openPage(school.phone('demo-county'), 'areas/dashboard/pages/county');
  await waitForText(again, '青山镇新建小学');
  expect(partText(again, `.school--${added.schoolId}`)).toContain('留守儿童 0 人 · 刚刚统计');

  const schoolPage = openPage(school.phone('demo-county'), 'areas/dashboard/pages/school', { schoolId: SCHOOL });
  await waitForText(schoolPage, '按月趋势');
  expect(textOf(schoolPage)).not.toContain('林小禾');
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  schoolPage.querySelector('.rate--archive >>> .rate-card')!.dispatchEvent('tap');
  schoolPage.querySelector('.class-row--demo-class-3-1')!.dispatchEvent('tap');
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(navigate).not.toHaveBeenCalled();
});

test('the school page says when its kept counts were made, and 重新统计 counts afresh', async () => {
  // Counted when opened (and kept); then an unaudited change to the kept counts stands for figures made earlier.
  await school.api('demo-admin', 'dashboard.school', { schoolId: SCHOOL, recount: true });
  await school.db().collection('classCounts').doc(SCHOOL).update({ 'classes.demo-class-3-1.archive.numerator': 3 });
  const page = openPage(school.phone('demo-admin'), 'areas/dashboard/pages/school', { schoolId: SCHOOL });
  await waitForText(page, '重新统计');
  expect(partText(page, '.counted')).toMatch(/今天 \d\d:\d\d统计/);
  expect(flat(partText(page, '.rate--archive'))).toContain('3/7人');
  tap(page, '.counted__again');
  await waitFor(page, () => !page.querySelector('.counted'), 'the recount');
  expect(flat(partText(page, '.rate--archive'))).toContain('1/7人');
});

test('a parent opening the dashboard sees the forbidden state', async () => {
  const page = openPage(school.phone('demo-parent'), 'areas/dashboard/pages/school', { schoolId: SCHOOL });
  await waitForText(page, '您的身份无权进行此操作');
  expect(nodeText(page.querySelector('.intro__title'))).toBe('');
  expect(page.querySelector('.rate')).toBeFalsy();
});
