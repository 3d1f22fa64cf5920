/**
 * 首页 (pages/home) under miniprogram-simulate, with real TDesign components, calling the real emulator
 * (demo school seeded) through the real local transport: wx.request → HTTP POST /functions/api, x-openid.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { installLocalTransport, type LocalApp } from './helpers/local';
import { renderPage, tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';

let emu: TestEmulator;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-pages-'));

beforeAll(async () => {
  emu = await startEmulator({ dataDir, seedDemo: true });
}, 60000);

afterAll(async () => {
  await emu?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function openHome(openid: string): { page: Rendered; app: LocalApp } {
  const app = installLocalTransport({ baseUrl: emu.url, openid });
  return { page: renderPage('home'), app };
}

/** The text of one part of the page (a node with that class), '' when it is not there. */
function partText(page: Rendered, selector: string): string {
  const node = page.querySelector(selector);
  return node ? (node.dom as HTMLElement).textContent ?? '' : '';
}

const TEACHER_TILES = ['班级花名册', '亲情视频', '谈心记录'];
const PARENT_TILES = ['孩子动态', '下次视频'];

test('shows the loading state until whoami answers', async () => {
  const { page } = openHome('demo-teacher');
  expect(textOf(page)).toContain('正在加载');
  await waitForText(page, '我的身份');
  expect(textOf(page)).not.toContain('正在加载');
});

test('a teacher sees the 教师 role with its scope and the teacher tiles', async () => {
  const { page } = openHome('demo-teacher');
  await waitForText(page, '我的身份');

  const bindings = partText(page, '.bindings');
  expect(bindings).toContain('教师');
  expect(bindings).toContain('三年级(1)班 班主任');

  const section = partText(page, '.section--teacher');
  expect(section).toContain('教师功能');
  for (const tile of TEACHER_TILES) expect(section).toContain(tile);
  expect(section).toContain('即将开放');

  for (const tile of PARENT_TILES) expect(textOf(page)).not.toContain(tile);
  expect(page.querySelector('.section--parent')).toBeFalsy();
  expect(textOf(page)).not.toContain('还没有身份');
});

test('a parent sees 家长 tiles and no teacher tiles', async () => {
  const { page } = openHome('demo-parent');
  await waitForText(page, '我的身份');

  expect(partText(page, '.bindings')).toContain('家长');
  expect(partText(page, '.bindings')).toContain('林小禾的妈妈');
  const section = partText(page, '.section--parent');
  for (const tile of PARENT_TILES) expect(section).toContain(tile);

  const all = textOf(page);
  for (const tile of TEACHER_TILES) expect(all).not.toContain(tile);
  expect(all).not.toContain('教师功能');
  expect(page.querySelector('.section--teacher')).toBeFalsy();
});

test('a guardian with two children sees both bindings and the tiles once', async () => {
  const { page } = openHome('demo-guardian');
  await waitForText(page, '我的身份');

  const bindings = partText(page, '.bindings');
  expect(bindings).toContain('林小禾的奶奶');
  expect(bindings).toContain('周子墨的外婆');
  const section = partText(page, '.section--guardian');
  expect(section.split('孩子动态')).toHaveLength(2);
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
  await emu.stop();
  try {
    const { page } = openHome('demo-teacher');
    await waitForText(page, '网络连接失败，请检查网络后重试');
    expect(partText(page, '.retry')).toContain('重试');
    expect(textOf(page)).not.toContain('我的身份');

    await emu.restart();
    tap(page, '.retry >>> .t-button');
    await waitForText(page, '教师功能');
    expect(textOf(page)).not.toContain('网络连接失败');
  } finally {
    warn.mockRestore();
  }
}, 30000);
