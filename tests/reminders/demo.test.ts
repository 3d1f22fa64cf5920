/**
 * Out of the box, reminders reach WeChat: the demo sets the templates and the demo people's subscriptions through
 * the real actions, so the scheduler's first runs send real subscribe messages (GET /_emulator/wx/messages).
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO, DEMO_TEMPLATES } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { fire } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
// the first Monday of the spring term: the demo books Wednesdays 19:00 from tomorrow, and none of the term's Wednesdays is behind it yet
const start = fromBeijing('2027-02-22 10:00');

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, start);
}, 60000);
afterAll(() => env.stop());

async function messages(touser: string) {
  const res = await fetch(`${env.url}/_emulator/wx/messages?touser=${touser}`);
  return ((await res.json()) as { messages: { templateId: string; page: string | null; data: Record<string, { value: string }> }[] }).messages;
}

test('the settings in force name the demo templates, and the demo people have subscriptions left', async () => {
  const settings = await env.api(DEMO.admin, 'reminders.settings', {}, start);
  expect(settings.ok && settings.data.templates.filter((t) => t.setting).map((t) => [t.key, t.setting!.id])).toEqual([
    ['schedule', DEMO_TEMPLATES.schedule.id],
    ['birthday', DEMO_TEMPLATES.birthday.id],
    ['notice', DEMO_TEMPLATES.notice.id],
  ]);
  const parent = await env.api(DEMO.parent, 'reminders.mine', {}, start);
  expect(parent.ok && parent.data.templates.find((t) => t.key === 'schedule')).toMatchObject({
    templateId: DEMO_TEMPLATES.schedule.id,
    remaining: 4,
  });
  const teacher = await env.api(DEMO.teacher, 'reminders.mine', {}, start);
  expect(teacher.ok && teacher.data.templates.find((t) => t.key === 'notice')).toMatchObject({
    templateId: DEMO_TEMPLATES.notice.id,
    remaining: 3,
  });
});

test("the first quarter-hour run sends the parent the booking of the demo call and the parent meeting's invitation; on Wednesday the half-hour reminder follows", async () => {
  await fire(env, 'quarterHour', new Date(start.getTime() + 15 * 60000));
  const sent = await messages(DEMO.parent);
  expect(sent.map((m) => m.data.thing1.value).sort()).toEqual(['亲情视频已预约', '家长会邀请'].sort());
  const booked = sent.find((m) => m.data.thing1.value === '亲情视频已预约')!;
  expect(booked).toMatchObject({
    templateId: DEMO_TEMPLATES.schedule.id,
    data: { thing1: { value: '亲情视频已预约' }, name3: { value: '林小禾' } },
  });
  expect(booked.page).toMatch(/^areas\/family-calls\/pages\/next\/index\?id=/);
  // the invitation opens the meeting as 林小禾's family
  expect(sent.find((m) => m.data.thing1.value === '家长会邀请')!.page).toMatch(/^areas\/activities\/pages\/meeting\/index\?id=sym_.+&childId=demo-child-01$/);
  const inbox = await env.api(DEMO.parent, 'inbox.list', {}, new Date(start.getTime() + 15 * 60000));
  expect(inbox.ok && inbox.data.items.map((i) => i.title)).toContain('亲情视频已预约');

  await fire(env, 'quarterHour', fromBeijing('2027-02-23 19:00')); // the day before: inbox only
  await fire(env, 'quarterHour', fromBeijing('2027-02-24 18:30'));
  expect((await messages(DEMO.parent)).map((m) => m.data.thing1.value).filter((t) => t.startsWith('亲情视频'))).toEqual(['亲情视频已预约', '亲情视频马上开始']);
  expect(await messages(DEMO.parent)).toHaveLength(3);
});
