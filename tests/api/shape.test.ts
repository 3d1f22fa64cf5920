/**
 * The shape of a request is checked before anything parses or serialises it: nesting depth, size, and keys that
 * name an object's prototype. Sent as raw JSON over HTTP, as a hostile client would.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { checkInputShape, MAX_DEPTH } from '../../cloudfunctions/api/src/shape';
import { AppError } from '../../cloudfunctions/core/errors';

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

async function rawApi(openid: string, body: string) {
  const res = await fetch(`${env.url}/functions/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body,
  });
  return (await res.json()) as { ok: boolean; error?: { code: string; message: string } };
}

const settingsDoc = async () => (await env.app.database().collection('settings').doc('reminders').get()).data;

test('an input nested deeper than the router allows is refused with a Chinese message, not a crash', async () => {
  const deep = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
  const res = await rawApi(DEMO.teacher, `{"action":"children.get","input":{"childId":"demo-child-01","x":${deep}}}`);
  expect(res).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: `请求内容嵌套过深（最多 ${MAX_DEPTH} 层）` } });
  const deepArray = '['.repeat(200) + ']'.repeat(200);
  expect(await rawApi(DEMO.teacher, `{"action":"whoami","input":${deepArray}}`)).toMatchObject({
    ok: false,
    error: { code: 'BAD_REQUEST' },
  });
});

test('an input nested 5,000 deep: the router refuses it without recursing, and the local emulator before parsing it', async () => {
  // Built bottom-up: neither JSON.parse nor the router's walk may recurse 5,000 frames.
  let value: unknown = 1;
  for (let i = 0; i < 5000; i++) value = { a: value };
  expect(() => checkInputShape({ childId: 'demo-child-01', x: value })).toThrow(`请求内容嵌套过深（最多 ${MAX_DEPTH} 层）`);
  const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
  const res = await rawApi(DEMO.teacher, `{"action":"children.get","input":{"childId":"demo-child-01","x":${deep}}}`);
  expect(res).toEqual({ code: 'REQUEST_TOO_DEEP', message: expect.stringMatching(/嵌套/) });
});

test('an input too big is refused before it is parsed', async () => {
  const res = await rawApi(
    DEMO.admin,
    JSON.stringify({ action: 'classes.create', input: { schoolId: 'demo-school', grade: 3, name: 'x'.repeat(300 * 1024) } }),
  );
  expect(res).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '请求内容过大' } });
});

test.each(['__proto__', 'constructor', 'prototype'])('reminders.configure with a "%s" key is refused and writes nothing', async (key) => {
  const before = await settingsDoc();
  const body = `{"action":"reminders.configure","input":{"quietHours":{"${key}":{"parent":{"start":"21:00","end":"06:00"}}}}}`;
  const res = await rawApi(DEMO.admin, body);
  expect(res).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: `请求中不能使用字段名 ${key}` } });
  expect(await settingsDoc()).toEqual(before);
  // The same request without the key is taken.
  expect(await rawApi(DEMO.admin, '{"action":"reminders.configure","input":{"quietHours":{"parent":{"start":"21:00","end":"06:00"}}}}')).toMatchObject({
    ok: true,
  });
  await env.api(DEMO.admin, 'reminders.configure', { quietHours: { parent: null } });
});

test('the check walks without recursion: a value nested 100,000 deep is refused, not a stack overflow', () => {
  let value: unknown = 1;
  for (let i = 0; i < 100_000; i++) value = { a: value };
  expect(() => checkInputShape(value)).toThrow(AppError);
  expect(() => checkInputShape({ ok: [1, 'two', { three: null }] })).not.toThrow();
});
