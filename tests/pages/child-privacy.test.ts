/**
 * 儿童档案 (pages/child) waits for WeChat's privacy authorization like the home page: while wx.getPrivacySetting
 * says the user has not agreed, the <privacy-gate> shows and no child data is asked of the server; agreeing loads it.
 * Against the real emulator (demo school seeded) through the real local transport.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { textOf, waitFor, waitForText } from './helpers/render';
import { newPhone, openPage } from './helpers/phone';

let emu: TestEmulator;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-child-privacy-'));

beforeAll(async () => {
  emu = await startEmulator({ dataDir, seedDemo: true });
}, 60000);

afterAll(async () => {
  delete (wx as unknown as { getPrivacySetting?: unknown }).getPrivacySetting;
  await emu?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the privacy gate shows before any child data is loaded; the archive loads after agreeing', async () => {
  (wx as unknown as { getPrivacySetting: unknown }).getPrivacySetting = (o: { success(r: unknown): void }) =>
    setTimeout(() => o.success({ needAuthorization: true, privacyContractName: '《关爱室小程序隐私保护指引》', errMsg: 'getPrivacySetting:ok' }), 0);
  const page = openPage(newPhone(emu.url, 'demo-parent'), 'child', { childId: 'demo-child-01' });
  const actions: string[] = [];
  const request = wx.request;
  wx.request = ((o: WechatMiniprogram.RequestOption) => {
    actions.push(String((o.data as { action?: string }).action));
    return request(o);
  }) as typeof wx.request;

  await waitForText(page, '隐私保护提示');
  expect(textOf(page)).toContain('《关爱室小程序隐私保护指引》');
  await new Promise((r) => setTimeout(r, 200));
  expect(actions).toEqual([]);
  expect(textOf(page)).not.toContain('林小禾');

  const agree = page.querySelector('.child >>> .privacy-gate__agree');
  expect(agree).toBeTruthy();
  agree!.dispatchEvent('agreeprivacyauthorization', { detail: { errMsg: 'agreePrivacyAuthorization:ok' } });

  await waitForText(page, '林小禾');
  expect(actions).toEqual(['children.get']);
  await waitFor(page, () => !textOf(page).includes('隐私保护提示'), 'the dialog to close');
});
