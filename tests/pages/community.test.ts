/**
 * Community pages (areas/community) under miniprogram-simulate with real TDesign components, against the real
 * emulator (demo school seeded): the 儿童主任 of 青山村 (demo-community) and the 儿童督导员 of 青山镇 (demo-township).
 * What a page records is read back through the real actions; a visit filled without signal waits on the phone and is
 * stored exactly once when the network returns, however often it is sent.
 */
import { textOf, waitFor, waitForFirstScreen, waitForText } from './helpers/render';
import { openPage, partText, tapButton, typeInto } from './helpers/phone';
import { simulatedNetwork } from './helpers/network';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(60000);

const DIRECTOR = 'demo-community';
const SUPERVISOR = 'demo-township';
const QINGSHAN = 'demo-community-qingshan';
const TOWNSHIP = 'demo-township-qingshan';
const LIN = 'demo-child-01';

const school = useDemoSchool();
const net = simulatedNetwork();

afterEach(() => net.reset());

const visitsOf = async (childId: string) => (await school.api(DIRECTOR, 'community.child', { childId })).visits;

test('the 儿童主任 sees the register of 青山村: its children, not another village’s, and the ledger link', async () => {
  const page = openPage(school.phone(DIRECTOR), 'areas/community/pages/register', { communityId: QINGSHAN });
  await waitForText(page, '青山村 · 登记册');
  const list = partText(page, '.list');
  for (const name of ['林小禾', '周子墨', '郑可欣', '孙浩然']) expect(list).toContain(name);
  // 何家乐 lives in 河西村 (五年级(1)班)
  expect(list).not.toContain('何家乐');
  expect(textOf(page)).toContain('从未走访');
  expect(page.querySelector('.ledger-link')).toBeTruthy();
  // no raw ids or ISO days reach the person
  expect(textOf(page)).not.toMatch(/demo-|\d{4}-\d{2}-\d{2}/);
});

test('a visit filled without signal waits on the phone and is stored exactly once when the network returns', async () => {
  const phone = school.phone(DIRECTOR);
  expect(await visitsOf(LIN)).toHaveLength(0);

  net.offline();
  const form = openPage(phone, 'areas/community/pages/visit', { childId: LIN, name: '林小禾' });
  await waitForText(form, '走访 林小禾');
  typeInto(form, '.f-met', '奶奶和孩子本人');
  await waitFor(form, () => textOf(form).includes('已保存在手机上'), 'the draft saved on the phone');
  tapButton(form, '.submit');
  await waitForText(form, '已保存在手机上，等待发送');
  // nothing reached the server, and the draft became the queued visit
  expect(await visitsOf(LIN)).toHaveLength(0);
  net.online();
  // the listener of the open form sends it once the signal is back
  await waitForText(form, '走访记录已提交');
  const stored = await visitsOf(LIN);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ met: '奶奶和孩子本人', method: 'home' });

  // the register opened afterwards has nothing waiting, and sending again (another flush, the network again) adds nothing
  const register = openPage(phone, 'areas/community/pages/register', { communityId: QINGSHAN });
  await waitForText(register, '青山村 · 登记册');
  expect(register.querySelector('.pending-visits >>> .pending')).toBeFalsy();
  net.offline();
  net.online();
  await new Promise((r) => setTimeout(r, 300));
  expect(await visitsOf(LIN)).toHaveLength(1);
});

test('without signal the register shows the kept list and the visit waiting; with signal back it goes, stored once', async () => {
  const phone = school.phone(DIRECTOR);
  const child = 'demo-child-02';
  const first = openPage(phone, 'areas/community/pages/register', { communityId: QINGSHAN });
  await waitForText(first, '青山村 · 登记册');

  net.offline();
  const form = openPage(phone, 'areas/community/pages/visit', { childId: child, name: '周子墨' });
  await waitForText(form, '走访 周子墨');
  typeInto(form, '.f-met', '爷爷');
  tapButton(form, '.submit');
  await waitForText(form, '已保存在手机上，等待发送');

  const register = openPage(phone, 'areas/community/pages/register', { communityId: QINGSHAN });
  await waitForText(register, '青山村 · 登记册');
  expect(partText(register, '.pending-visits')).toContain('1 条走访记录等待发送');
  expect(partText(register, '.pending-visits')).toContain('周子墨');
  expect(await visitsOf(child)).toHaveLength(0);

  // both open pages hear the signal come back and send the same queued visit
  net.online();
  await waitFor(register, () => !register.querySelector('.pending-visits >>> .pending'), 'the queue emptied');
  await waitForText(form, '走访记录已提交');
  const stored = await visitsOf(child);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ met: '爷爷' });
});

test('a visit refused by the server comes back to the form with the reason in Chinese, and nothing is stored', async () => {
  const form = openPage(school.phone(DIRECTOR), 'areas/community/pages/visit', { childId: 'demo-child-03', name: '陈一诺' });
  await waitForText(form, '走访 陈一诺');
  tapButton(form, '.submit');
  await waitForText(form, '请填写见到的人');
  expect(textOf(form)).toContain('请先改正标红的内容');
  expect(await visitsOf('demo-child-03')).toHaveLength(0);
});

test('the 儿童督导员 sees the township: both villages, their coverage, and a visit’s alert', async () => {
  await school.api(DIRECTOR, 'visits.record', {
    visitId: 'vpagetestalert000001',
    childId: 'demo-child-05',
    date: new Date(Date.now() - 86400000).toISOString().slice(0, 10),
    method: 'home',
    met: '邻居',
    situation: { living: null, schooling: null, health: null, safety: null, mood: null },
    guardianCondition: null,
    findings: null,
    nextSteps: [],
    change: { kind: 'guardian_lost', note: '奶奶去外地看病，孩子一人在家' },
    savedOnPhoneAt: new Date().toISOString(),
  });
  const page = openPage(school.phone(SUPERVISOR), 'areas/community/pages/township', { townshipId: TOWNSHIP });
  await waitForText(page, '青山镇 · 儿童督导');
  expect(partText(page, `.community--${QINGSHAN}`)).toContain('青山村');
  expect(partText(page, `.community--${QINGSHAN}`)).toContain('按时走访');
  expect(partText(page, '.community--demo-community-hexi')).toContain('河西村');
  await waitFor(page, () => textOf(page).includes('郑可欣'), 'the alert of 郑可欣');
  expect(textOf(page)).not.toMatch(/demo-|\d{4}-\d{2}-\d{2}T/);
});

test('a township with more open alerts than the overview shows counts them all and says where the rest are', async () => {
  const db = school.db();
  const ids = Array.from({ length: 22 }, (_, i) => `page-many-alerts-${i}`);
  await db.collection('alerts').add(
    ids.map((id, i) => ({
      _id: id,
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: 'demo-child-01',
      communityId: QINGSHAN,
      kind: 'follow_up',
      urgent: false,
      message: `待跟进事项${i + 1}`,
      createdAt: new Date(Date.now() - (i + 1) * 60_000),
      createdBy: 'system',
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    })),
  );
  try {
    const overview = await school.api(SUPERVISOR, 'community.township', { townshipId: TOWNSHIP });
    const open = overview.alerts.length + overview.moreAlerts;
    expect(overview.alerts).toHaveLength(20);
    const page = openPage(school.phone(SUPERVISOR), 'areas/community/pages/township', { townshipId: TOWNSHIP });
    await waitForText(page, `${open} 条预警未处理`);
    expect(page.querySelectorAll('.alert')).toHaveLength(20);
    expect(partText(page, '.more-alerts')).toContain(`另有 ${overview.moreAlerts} 条预警`);
  } finally {
    await Promise.all(ids.map((id) => db.collection('alerts').doc(id).remove()));
  }
});

test('the 儿童督导员 is not a 儿童主任, and the 儿童主任 is not the supervisor: each sees the forbidden state', async () => {
  const register = openPage(school.phone(SUPERVISOR), 'areas/community/pages/register');
  await waitForFirstScreen(register);
  expect(textOf(register)).toContain('只有儿童主任可以查看登记册');
  const township = openPage(school.phone(DIRECTOR), 'areas/community/pages/township');
  await waitForFirstScreen(township);
  expect(textOf(township)).toContain('只有儿童督导员可以查看乡镇总览');
});

test('the 儿童主任 opens the village ledger: totals in 元, and may export it', async () => {
  const page = openPage(school.phone(DIRECTOR), 'areas/community/pages/ledger', { communityId: QINGSHAN });
  await waitForFirstScreen(page);
  await waitFor(page, () => !!page.querySelector('.summary'), 'the ledger');
  expect(textOf(page)).toContain('金额单位：元');
  expect(page.querySelector('.export')).toBeTruthy();
  const parent = openPage(school.phone('demo-parent'), 'areas/community/pages/ledger', { communityId: QINGSHAN });
  await waitForFirstScreen(parent);
  expect(parent.querySelector('.summary')).toBeFalsy();
});
