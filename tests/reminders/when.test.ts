/**
 * A reminder's relative time is written out when it is shown, not when it is stored: the inbox read on a later day
 * says the right number of days, and WeChat gets the time as of sending.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { WHEN } from '../../cloudfunctions/core/reminders';
import { configureTemplates, draft, enqueue, fire, inboxOf, sentTo, subscribe } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await configureTemplates(env);
}, 60000);
afterAll(() => env.stop());

const call = fromBeijing('2027-03-03 19:30');
const booked = fromBeijing('2027-02-20 08:00');

async function bodyOn(openid: string, at: Date): Promise<string[]> {
  const res = await env.api(openid, 'inbox.list', {}, at);
  if (!res.ok) throw new Error(res.error.message);
  return res.data.items.map((i) => `${i.title}｜${i.body}`);
}

test('the inbox says "还有11天" on the day of booking, "明天" the day before, and the plain date afterwards', async () => {
  await enqueue(
    env,
    [
      draft('p-when', {
        kind: 'familyCall.booked',
        at: booked,
        when: call,
        title: `亲情视频：${WHEN}`,
        body: `已预约亲情视频：${WHEN}，请点开确认。`,
      }),
    ],
    booked,
  );
  expect(await bodyOn('p-when', booked)).toEqual(['亲情视频：3月3日 周三 19:30，还有11天｜已预约亲情视频：3月3日 周三 19:30，还有11天，请点开确认。']);
  expect(await bodyOn('p-when', fromBeijing('2027-03-02 09:00'))).toEqual(['亲情视频：明天（周三）19:30｜已预约亲情视频：明天（周三）19:30，请点开确认。']);
  expect(await bodyOn('p-when', fromBeijing('2027-03-04 09:00'))).toEqual(['亲情视频：3月3日 周三 19:30｜已预约亲情视频：3月3日 周三 19:30，请点开确认。']);
  // What is stored holds no relative time that could go stale.
  const [stored] = await inboxOf(env, 'p-when');
  expect(stored.body).toBe(`已预约亲情视频：${WHEN}，请点开确认。`);
  expect(stored.when).toEqual(call);
});

test('WeChat gets the time as of sending', async () => {
  await subscribe(env, 'p-when-wx', 1);
  const due = fromBeijing('2027-03-03 19:00');
  await enqueue(env, [draft('p-when-wx', { kind: 'familyCall.soon', at: due, when: call, fields: { time: call, child: '林小禾', note: `${WHEN}开始` } })], due);
  await fire(env, 'quarterHour', due);
  const [message] = sentTo(env, 'p-when-wx');
  expect(message.data.thing4.value).toBe('今天 19:30（还有30分钟）开始');
});

test('a text that names a relative time without saying which time is refused when stored', async () => {
  await expect(enqueue(env, [draft('p-when-bad', { body: `${WHEN}与林小禾视频通话` })], booked)).rejects.toThrow(/when/);
  expect(await inboxOf(env, 'p-when-bad')).toHaveLength(0);
});
