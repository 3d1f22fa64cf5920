/**
 * 首页 (pages/home) under miniprogram-simulate, with real TDesign components, calling the real emulator
 * (demo school seeded) through the real local transport: wx.request → HTTP POST /functions/api, x-openid.
 */
import { remind, type ReminderDraft } from '../../cloudfunctions/core/reminders';
import { installLocalTransport, type LocalApp } from './helpers/local';
import { partText } from './helpers/phone';
import { renderPage, tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { useDemoSchool } from './helpers/school';
import { recordActions } from './helpers/wx';

const school = useDemoSchool();

function openHome(openid: string): { page: Rendered; app: LocalApp } {
  const app = installLocalTransport({ baseUrl: school.emu.url, openid });
  return { page: renderPage('pages/home'), app };
}

type Node = ReturnType<Rendered['querySelectorAll']>[number];

/** The tiles of one section (.section--admin, .section--common, ...): title, description, badge, node to tap. */
function tiles(page: Rendered, section: string) {
  // simulate prefixes a component's classes with its tag (t-grid-item--t-grid-item__text)
  const part = (node: Node, cls: string) => ((node.dom as HTMLElement).querySelector(`[class*="${cls}"]`)?.textContent ?? '').trim();
  return page.querySelectorAll(`${section} >>> .t-grid-item`).map((node) => ({
    node,
    title: part(node, 't-grid-item__text'),
    description: part(node, 't-grid-item__description'),
    badge: part(node, 't-badge'),
  }));
}

function tile(page: Rendered, section: string, title: string, description?: string) {
  const found = tiles(page, section).find((t) => t.title === title && (description === undefined || t.description === description));
  if (!found)
    throw new Error(
      `no tile ${title} in ${section}: ${tiles(page, section)
        .map((t) => `${t.title}/${t.description}`)
        .join(' | ')}`,
    );
  return found;
}

/** Tap a tile and answer with the url it opened (null: none, e.g. 即将开放). */
async function urlOfTap(page: Rendered, section: string, title: string, description?: string): Promise<string | null> {
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  const showToast = jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
  try {
    tile(page, section, title, description).node.dispatchEvent('tap');
    await waitFor(page, () => navigateTo.mock.calls.length + showToast.mock.calls.length > 0, `the tap on ${title}`);
    return navigateTo.mock.calls.length ? (navigateTo.mock.calls[0][0] as { url: string }).url : null;
  } finally {
    navigateTo.mockRestore();
    showToast.mockRestore();
  }
}

const TEACHER_TILES = ['班级花名册', '联系卡核对', '亲情视频', '每周联系率', '谈心记录'];
const PARENT_TILES = ['下次视频', '孩子档案', '孩子动态'];

test('shows the loading state until whoami answers', async () => {
  const { page } = openHome('demo-teacher');
  expect(textOf(page)).toContain('正在加载');
  await waitForText(page, '我的身份');
  expect(textOf(page)).not.toContain('正在加载');
});

test('a teacher sees the 教师 role with its scope and the teacher tiles, live ones opening their pages', async () => {
  const { page } = openHome('demo-teacher');
  await waitForText(page, '我的身份');

  const bindings = partText(page, '.bindings');
  expect(bindings).toContain('教师');
  expect(bindings).toContain('三年级(1)班 班主任');

  const section = partText(page, '.section--teacher');
  expect(section).toContain('教师功能');
  for (const title of TEACHER_TILES) expect(section).toContain(title);
  expect(tile(page, '.section--teacher', '班级花名册').description).toBe('');
  expect(tile(page, '.section--teacher', '亲情视频').description).toBe('');
  expect(tile(page, '.section--teacher', '谈心记录').description).toBe('');

  expect(tiles(page, '.section--teacher').map((t) => t.title)).toEqual([
    '班级花名册',
    '联系卡核对',
    '亲情视频',
    '每周联系率',
    '谈心记录',
    '生日与贺卡',
    '人员与邀请',
    '成长动态',
    '活动与家长会',
    '工作计划',
  ]);
  expect(await urlOfTap(page, '.section--teacher', '工作计划')).toBe('/areas/workplan/pages/plan/index');
  expect(await urlOfTap(page, '.section--teacher', '成长动态')).toBe('/areas/growth/pages/class/index');
  expect(await urlOfTap(page, '.section--teacher', '活动与家长会')).toBe('/areas/activities/pages/list/index');
  expect(await urlOfTap(page, '.section--teacher', '班级花名册')).toBe('/areas/archive/pages/roster/index');
  expect(await urlOfTap(page, '.section--teacher', '联系卡核对')).toBe('/areas/archive/pages/card-round/index');
  expect(await urlOfTap(page, '.section--teacher', '每周联系率')).toBe('/areas/family-calls/pages/coverage/index');
  expect(await urlOfTap(page, '.section--teacher', '亲情视频')).toBe('/areas/family-calls/pages/week/index');
  expect(await urlOfTap(page, '.section--teacher', '人员与邀请')).toBe('/areas/accounts/pages/people/index');
  expect(await urlOfTap(page, '.section--teacher', '谈心记录')).toBe('/areas/talks/pages/month/index');

  expect(tiles(page, '.section--common').map((t) => t.title)).toEqual(['消息中心', '提醒设置', '我的身份', '隐私与同意']);
  for (const t of tiles(page, '.section--common')) expect(t.description).toBe('');
  expect(await urlOfTap(page, '.section--common', '消息中心')).toBe('/pages/inbox/index');
  expect(await urlOfTap(page, '.section--common', '提醒设置')).toBe('/areas/reminders/pages/settings/index');
  expect(await urlOfTap(page, '.section--common', '我的身份')).toBe('/areas/accounts/pages/roles/index');
  expect(await urlOfTap(page, '.section--common', '隐私与同意')).toBe('/areas/privacy/pages/consent/index');

  for (const title of ['下次视频', '孩子档案', '孩子动态']) expect(textOf(page)).not.toContain(title);
  expect(page.querySelector('.section--parent')).toBeFalsy();
  expect(textOf(page)).not.toContain('还没有身份');
});

test('an admin sees every admin tile live, each opening its page (the school’s pages with the school in the url)', async () => {
  const { page } = openHome('demo-admin');
  await waitForText(page, '管理员功能');

  const admin = tiles(page, '.section--admin');
  expect(admin.map((t) => t.title)).toEqual([
    '学校设置',
    '人员与邀请',
    '审计日志',
    '预警',
    '关爱室与设备',
    '校历',
    '每周联系率',
    '谈心与帮扶',
    '提醒设置',
    '提醒模板与记录',
    '统计',
    '活动与家长会',
    '工作计划',
  ]);
  for (const t of admin) expect(t.description).toBe('');

  expect(await urlOfTap(page, '.section--admin', '学校设置')).toBe('/areas/school/pages/setup/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '人员与邀请')).toBe('/areas/accounts/pages/people/index');
  expect(await urlOfTap(page, '.section--admin', '审计日志')).toBe('/areas/privacy/pages/audit/index');
  expect(await urlOfTap(page, '.section--admin', '预警')).toBe('/areas/archive/pages/alerts/index');
  expect(await urlOfTap(page, '.section--admin', '关爱室与设备')).toBe('/areas/family-calls/pages/rooms/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '校历')).toBe('/areas/family-calls/pages/calendar/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '每周联系率')).toBe('/areas/family-calls/pages/coverage/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '谈心与帮扶')).toBe('/areas/talks/pages/month/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '提醒设置')).toBe('/areas/reminders/pages/settings/index');
  expect(await urlOfTap(page, '.section--admin', '提醒模板与记录')).toBe('/areas/reminders/pages/admin/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '统计')).toBe('/areas/dashboard/pages/school/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '活动与家长会')).toBe('/areas/activities/pages/list/index?schoolId=demo-school');
  expect(await urlOfTap(page, '.section--admin', '工作计划')).toBe('/areas/workplan/pages/plan/index?schoolId=demo-school');

  // 提醒设置 is in the admin section already: the common section does not repeat it
  expect(tiles(page, '.section--common').map((t) => t.title)).toEqual(['消息中心', '我的身份', '隐私与同意']);
  expect(page.querySelector('.section--teacher')).toBeFalsy();
});

test("a parent sees 下次视频 and their child's archive, and no teacher tiles", async () => {
  const { page } = openHome('demo-parent');
  await waitForText(page, '我的身份');

  expect(partText(page, '.bindings')).toContain('家长');
  expect(partText(page, '.bindings')).toContain('林小禾的妈妈');
  const section = partText(page, '.section--parent');
  for (const title of PARENT_TILES) expect(section).toContain(title);
  expect(tile(page, '.section--parent', '下次视频').description).toBe('');
  expect(tile(page, '.section--parent', '孩子档案').description).toBe('林小禾');
  expect(tile(page, '.section--parent', '孩子动态').description).toBe('');

  expect(await urlOfTap(page, '.section--parent', '下次视频')).toBe('/areas/family-calls/pages/next/index');
  expect(await urlOfTap(page, '.section--parent', '孩子档案')).toBe('/areas/archive/pages/child/index?childId=demo-child-01');
  expect(await urlOfTap(page, '.section--parent', '孩子动态')).toBe('/areas/growth/pages/home/index');

  const all = textOf(page);
  for (const title of TEACHER_TILES) expect(all).not.toContain(title);
  expect(all).not.toContain('教师功能');
  expect(page.querySelector('.section--teacher')).toBeFalsy();
});

test('a guardian with two children sees both bindings, an archive tile per child and the other tiles once', async () => {
  const { page } = openHome('demo-guardian');
  await waitForText(page, '我的身份');

  const bindings = partText(page, '.bindings');
  expect(bindings).toContain('林小禾的奶奶');
  expect(bindings).toContain('周子墨的外婆');
  const section = partText(page, '.section--guardian');
  expect(section.split('孩子动态')).toHaveLength(2);
  expect(section.split('下次视频')).toHaveLength(2);
  expect(
    tiles(page, '.section--guardian')
      .filter((t) => t.title === '孩子档案')
      .map((t) => t.description),
  ).toEqual(['林小禾', '周子墨']);

  expect(await urlOfTap(page, '.section--guardian', '孩子档案', '林小禾')).toBe('/areas/archive/pages/child/index?childId=demo-child-01');
  expect(await urlOfTap(page, '.section--guardian', '孩子档案', '周子墨')).toBe('/areas/archive/pages/child/index?childId=demo-child-02');
});

test('the first screen is one whoami, which carries the unread count shown as the 消息中心 badge', async () => {
  const openid = 'demo-community';
  installLocalTransport({ baseUrl: school.emu.url, openid });
  const { sent } = recordActions();
  let page = renderPage('pages/home');
  await waitForText(page, '儿童主任功能');
  expect(sent).toEqual(['whoami']);
  expect(tile(page, '.section--common', '消息中心').badge).toBe('');

  const draft = (n: number): ReminderDraft => ({
    kind: 'familyCall.upcoming',
    to: openid,
    role: 'community',
    subject: `home-badge-${n}`,
    occurrence: '2027-03-05',
    template: 'schedule',
    fields: { title: '走访提醒', time: new Date() },
    title: `走访提醒${n}`,
    body: `第 ${n} 条提醒`,
    page: 'pages/inbox/index',
    at: new Date(Date.now() - n * 60000),
  });
  await remind(school.db(), [draft(1), draft(2)], new Date());

  installLocalTransport({ baseUrl: school.emu.url, openid });
  page = renderPage('pages/home');
  await waitForText(page, '儿童主任功能');
  await waitFor(page, () => tile(page, '.section--common', '消息中心').badge === '2', 'the unread badge showing 2');
  // the other tiles carry no badge
  for (const t of tiles(page, '.section--common').filter((x) => x.title !== '消息中心')) expect(t.badge).toBe('');

  // read on 消息中心, then back on the home page: the badge goes away
  const read = await school.api(openid, 'inbox.read', { all: true });
  expect(read.unread).toBe(0);
  (page.instance as unknown as { onShow(): void }).onShow();
  await waitFor(page, () => tile(page, '.section--common', '消息中心').badge === '', 'the badge to go away');
});

test('an unknown OPENID sees the bind prompt, whose button opens the bind page', async () => {
  const navigateTo = jest.spyOn(wx, 'navigateTo');
  const { page } = openHome('stranger-not-invited');
  await waitForText(page, '还没有身份，请输入邀请码绑定');

  expect(textOf(page)).not.toContain('我的身份');
  expect(page.querySelector('.section--teacher')).toBeFalsy();

  tap(page, '.bind >>> .t-button');
  await waitFor(page, () => navigateTo.mock.calls.length > 0, 'the tap to reach wx.navigateTo');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));
  navigateTo.mockRestore();
});

test('running locally, the identity switcher re-loads the page as the picked demo identity', async () => {
  const { page, app } = openHome('demo-teacher');
  await waitForText(page, '教师功能');
  expect(partText(page, '.switcher')).toContain('本地演示身份');

  // tap the 家长 option of the TDesign radio group
  const options = page.querySelectorAll('.switcher >>> .t-radio__content');
  const parentOption = options.find((o) => ((o.dom as HTMLElement).textContent ?? '').trim() === '家长');
  expect(parentOption).toBeTruthy();
  parentOption!.dispatchEvent('tap');

  await waitForText(page, '家长功能');
  expect(app.storage.get('careRoom.localOpenid')).toBe('demo-parent');
  expect(textOf(page)).not.toContain('教师功能');
  expect(partText(page, '.bindings')).toContain('林小禾的妈妈');
});

test('with the emulator down it shows the Chinese error, and 重试 works once it is up', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  await school.emu.stop();
  try {
    const { page } = openHome('demo-teacher');
    const requests = recordActions();
    await waitForText(page, '网络连接失败，请检查网络后重试');
    expect(partText(page, '.screen >>> .retry')).toContain('重试');
    expect(textOf(page)).not.toContain('我的身份');

    await school.emu.restart();
    tap(page, '.screen >>> .retry >>> .t-button');
    await waitForText(page, '教师功能');
    expect(textOf(page)).not.toContain('网络连接失败');
    await waitFor(page, () => requests.waiting() === 0, 'the calls to settle');
  } finally {
    warn.mockRestore();
  }
}, 30000);
