/**
 * 提醒模板与发送记录 (pages/reminder-admin) under miniprogram-simulate with real TDesign components, against the real
 * emulator (demo school seeded) through the real local transport. Reminders are put in with the engine's own API
 * and delivered by firing the scheduler's quarter-hour timer; the emulator stands in for WeChat (and its errcodes).
 */
import { remind } from '../../cloudfunctions/core/reminders';
import { configureScheduleTemplate, reminder, TEMPLATE_ID } from './helpers/reminders';
import { nodeText, openPage, partText, pickRadio, tapButton, typeInto, withText } from './helpers/phone';
import { tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';
const school = useDemoSchool();

const admin = () => school.phone('demo-admin');
const scheduleTemplateOf = async (openid: string) => (await school.api(openid, 'reminders.mine', {})).templates.find((t) => t.key === 'schedule');
const outbox = async (status?: 'sent' | 'failed' | 'skipped') =>
  (await school.api('demo-admin', 'reminders.outbox', { schoolId: SCHOOL, ...(status ? { status } : {}) })).entries;

/** Put in a reminder for the demo school and run the scheduler's quarter-hour delivery now. */
async function sendNow(to: string, role: 'teacher' | 'community', n: number): Promise<void> {
  await remind(school.db(), [{ ...reminder(to, n, 5), role, schoolId: SCHOOL }], new Date());
  const inv = await school.emu.emulator.timers.fire('scheduler', 'quarterHour', new Date());
  expect((inv.result as { ok: boolean }).ok).toBe(true);
}

const entry = (page: Rendered, title: string) => withText(page, '.entry', title)[0];

test('the admin saves a template id and its fields, and sees every current setting; a bad id is refused and changes nothing', async () => {
  const page = openPage(admin(), 'areas/reminders/pages/admin', { schoolId: SCHOOL });
  await waitForText(page, '还没有发送记录');

  tap(page, '.tab-settings');
  // the settings in force are read when the tab opens: nothing configured yet, default quiet hours
  await waitFor(page, () => partText(page, '.settings >>> .current-template--schedule').includes('未设置，只在消息中心提醒'), 'the current settings');
  expect(partText(page, '.settings >>> .current-quiet')).toContain('家长 22:00–次日 07:00');
  typeInto(page, '.settings >>> .f-template-id', 'TPL_ADMIN_SCHEDULE');
  typeInto(page, '.settings >>> .f-wxkey-title', 'thing1');
  typeInto(page, '.settings >>> .f-wxkey-time', 'time2');
  tapButton(page, '.settings >>> .template-save');
  await waitForText(page, '已保存日程提醒的模板');
  const schedule = partText(page, '.settings >>> .current-template--schedule');
  expect(schedule).toContain('日程提醒');
  expect(schedule).toContain('模板 ID：TPL_ADMIN_SCHEDULE（一次性订阅）');
  expect(schedule).toContain('thing1→事项、time2→时间');
  expect(partText(page, '.settings >>> .current-template--birthday')).toContain('未设置，只在消息中心提醒');
  expect(partText(page, '.settings >>> .current-quiet')).toContain('家长 22:00–次日 07:00');
  expect(partText(page, '.settings >>> .current-state')).toContain('正式版');
  const use = (await school.api('demo-admin', 'reminders.settings', {})).subscriptionUse;
  expect(partText(page, '.settings >>> .current-subscription-use')).toContain(use.note);
  expect(await scheduleTemplateOf('demo-teacher')).toMatchObject({ templateId: 'TPL_ADMIN_SCHEDULE' });

  // a template id WeChat never issues: the server's Chinese message, nothing stored
  typeInto(page, '.settings >>> .f-template-id', 'TPL 错误!');
  tapButton(page, '.settings >>> .template-save');
  await waitFor(page, () => partText(page, '.settings >>> .settings-error') !== '', 'the error');
  expect(partText(page, '.settings >>> .settings-error')).toContain('模板 ID 格式不正确');
  expect(partText(page, '.settings >>> .current-template--schedule')).toContain('TPL_ADMIN_SCHEDULE');
  expect(await scheduleTemplateOf('demo-teacher')).toMatchObject({ templateId: 'TPL_ADMIN_SCHEDULE' });

  // parents' quiet hours from 21:00
  pickRadio(page, '.settings >>> .f-quiet-role', '家长');
  typeInto(page, '.settings >>> .f-quiet-start', '21:00');
  tapButton(page, '.settings >>> .quiet-save');
  await waitForText(page, '已保存家长的免打扰时段');
  expect(partText(page, '.settings >>> .current-quiet')).toContain('家长 21:00–次日 07:00');
  expect(partText(page, '.settings >>> .current-quiet')).toContain('监护人 22:00–次日 07:00');
  expect(partText(page, '.settings >>> .current-template--schedule')).toContain('TPL_ADMIN_SCHEDULE');
  expect((await school.api('demo-parent', 'reminders.mine', {})).quietHours).toEqual([{ role: 'parent', start: '21:00', end: '07:00' }]);
});

test('the delivery log lists what was sent, what failed with WeChat’s errcode, and what only reached the inbox; the filter narrows it', async () => {
  await configureScheduleTemplate(school);
  await school.api('demo-teacher', 'reminders.subscribe', { results: { [TEMPLATE_ID]: 'accept' } });
  await sendNow('demo-teacher', 'teacher', 1);
  expect((await outbox()).map((e) => [e.title, e.status])).toEqual([['亲情视频提醒1', 'sent']]);

  const first = openPage(admin(), 'areas/reminders/pages/admin', { schoolId: SCHOOL });
  await waitForText(first, '亲情视频提醒1');
  expect(nodeText(entry(first, '亲情视频提醒1'))).toContain('已发送');
  expect(nodeText(entry(first, '亲情视频提醒1'))).toContain('发送于');
  expect(nodeText(entry(first, '亲情视频提醒1'))).toContain('教师');
  expect(nodeText(entry(first, '亲情视频提醒1'))).toContain('日程提醒');

  // WeChat refuses the next one (bad template id); the community worker never subscribed
  school.emu.emulator.wx.setFailures('demo-teacher', [40037]);
  try {
    await school.api('demo-teacher', 'reminders.subscribe', { results: { [TEMPLATE_ID]: 'accept' } });
    await sendNow('demo-teacher', 'teacher', 2);
  } finally {
    school.emu.emulator.wx.setFailures('demo-teacher', []);
  }
  await sendNow('demo-community', 'community', 3);

  const page = openPage(admin(), 'areas/reminders/pages/admin', { schoolId: SCHOOL });
  await waitForText(page, '亲情视频提醒3');
  expect(page.querySelectorAll('.entry')).toHaveLength((await outbox()).length);
  expect(nodeText(entry(page, '亲情视频提醒2'))).toContain('发送失败');
  expect(nodeText(entry(page, '亲情视频提醒2'))).toContain('微信错误码 40037：模板 ID 不正确');
  expect(nodeText(entry(page, '亲情视频提醒3'))).toContain('未发微信');
  expect(nodeText(entry(page, '亲情视频提醒3'))).toContain('对方没有订阅，只进了消息中心');
  expect(nodeText(entry(page, '亲情视频提醒1'))).not.toContain('错误码');

  tap(page, '.chip--failed');
  await waitFor(page, () => !entry(page, '亲情视频提醒1') && !page.querySelector('.log__loading'), 'only the failed entries');
  const failed = await outbox('failed');
  expect(failed.map((e) => [e.title, e.lastErrcode])).toEqual([['亲情视频提醒2', 40037]]);
  expect(page.querySelectorAll('.entry')).toHaveLength(1);
  expect(partText(page, '.entry')).toContain('微信错误码 40037');

  tap(page, '.chip--sent');
  await waitFor(page, () => !!entry(page, '亲情视频提醒1') && !entry(page, '亲情视频提醒2'), 'only the sent entries');
  expect(page.querySelectorAll('.entry')).toHaveLength((await outbox('sent')).length);

  tap(page, '.chip--cancelled');
  await waitForText(page, '没有这个状态的记录');
  expect(page.querySelectorAll('.entry')).toHaveLength(0);
});

test('a teacher is refused the page', async () => {
  const page = openPage(school.phone('demo-teacher'), 'areas/reminders/pages/admin');
  await waitForText(page, '只有管理员可以设置提醒模板、查看发送记录');
  expect(textOf(page)).not.toContain('亲情视频提醒');
  expect(page.querySelector('.tab-settings')).toBeFalsy();
});
