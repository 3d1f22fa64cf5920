/**
 * 儿童档案 (pages/child) waits for WeChat's privacy authorization like the home page: while wx.getPrivacySetting
 * says the user has not agreed, the <privacy-gate> shows and no child data is asked of the server; agreeing loads it.
 * Against the real emulator (demo school seeded) through the real local transport.
 */
import { textOf, waitFor, waitForText } from './helpers/render';
import { openPage } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import { noPrivacySetting, privacyNotAgreedYet, recordActions } from './helpers/wx';

const school = useDemoSchool();

afterAll(() => {
  noPrivacySetting();
});

test('the privacy gate shows before any child data is loaded; the archive loads after agreeing', async () => {
  privacyNotAgreedYet();
  const page = openPage(school.phone('demo-parent'), 'areas/archive/pages/child', { childId: 'demo-child-01' });
  const { sent: actions } = recordActions();

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

test("another child's page (a forwarded link) shows the forbidden state, with none of that child's data and no retry", async () => {
  noPrivacySetting();
  const page = openPage(school.phone('demo-parent'), 'areas/archive/pages/child', { childId: 'demo-child-03' });
  await waitFor(page, () => page.data.state !== 'loading', 'the first screen');
  expect(page.data.state).toBe('forbidden');
  expect(textOf(page)).toContain('无权访问');
  expect(textOf(page)).not.toContain('陈一诺');
  expect(textOf(page)).not.toContain('重试');
});
