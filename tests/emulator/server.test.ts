/**
 * The emulator's HTTP surface: health, the function host (identity per call, round-trip counting),
 * timers fired at a simulated time, the WeChat outbox, and bad requests that change nothing.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { adminPost } from './admin';

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${env.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((res) => ({
    status: res.status,
    json: () => res.json() as Promise<Record<string, unknown>>,
  }));

test('GET /healthz answers 200 with JSON once the database is open', async () => {
  const res = await fetch(`${env.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, database: 'open', functions: ['api', 'scheduler'] });
});

test('whoami end to end: HTTP -> function host -> api -> SDK -> emulator database, with its round trips counted', async () => {
  const { result, dbRequests, status } = await env.callFunction('api', { action: 'whoami', input: {} }, { openid: 'demo-teacher' });
  expect(status).toBe(200);
  expect(result).toMatchObject({
    ok: true,
    data: {
      openid: 'demo-teacher',
      nickname: '演示·班主任',
      local: true,
      unread: 0,
      bindings: [{ role: 'teacher', classId: 'demo-class-3-1' }],
    },
  });
  // The bindings, then the user record and the unread count together (a teacher's class binding names no child).
  expect(dbRequests).toBe(3);
});

test('concurrent calls never share an identity', async () => {
  const who = ['demo-admin', 'demo-parent', 'demo-student', 'demo-community', 'demo-guardian', 'demo-teacher'];
  const results = await Promise.all(who.flatMap((o) => [o, o]).map((openid) => env.api(openid, 'whoami', {})));
  results.forEach((r, i) => expect(r).toMatchObject({ ok: true, data: { openid: who[Math.floor(i / 2)] } }));
});

test('bad requests get clear errors, change nothing, and the emulator keeps serving', async () => {
  const before = (await env.app.database().collection('children').count()).total;
  const malformed = await post('/admin', '{"action": "database.insertDocument", ');
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toMatchObject({ code: 'INVALID_JSON' });
  const notObject = await post('/functions/api', '[1,2]');
  expect(notObject.status).toBe(400);
  const unknownAction = await adminPost(env.url, { action: 'database.dropEverything', collectionName: 'children' });
  expect(unknownAction.body).toMatchObject({ code: 'INVALID_ACTION', message: expect.stringContaining('database.dropEverything') });
  const unknownService = await adminPost(env.url, { action: 'storage.getTempFileURL' });
  expect(unknownService.body).toMatchObject({ code: 'INVALID_ACTION' });
  const badOperator = await adminPost(env.url, {
    action: 'database.getDocument',
    collectionName: 'children',
    queryType: 'WHERE',
    query: '{"name":{"$foo":1}}',
  });
  expect(badOperator.body).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$foo') });
  const oversize = await adminPost(env.url, {
    action: 'database.insertDocument',
    collectionName: 'children',
    data: [JSON.stringify({ name: 'x'.repeat(600 * 1024) })],
  });
  expect(oversize.body).toMatchObject({ code: 'DATABASE_DOCUMENT_TOO_LARGE', message: expect.stringContaining('512KB') });
  const noFunction = await post('/functions/nope', '{}');
  expect(noFunction.status).toBe(404);
  expect(await noFunction.json()).toMatchObject({ code: 'FUNCTION_NOT_FOUND' });
  const badTime = await post('/functions/api', '{"action":"whoami"}', { 'x-openid': 'demo-admin', 'x-now': 'yesterday' });
  expect(badTime.status).toBe(400);
  expect((await env.app.database().collection('children').count()).total).toBe(before);
  expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
});

test('a body over the limit is refused without reaching the function', async () => {
  const res = await post('/functions/api', JSON.stringify({ action: 'whoami', input: { x: 'y'.repeat(9 * 1024 * 1024) } }), {
    'x-openid': 'demo-admin',
  });
  expect(res.status).toBe(413);
  expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
});

test('the api refuses an oversize event with a Chinese message', async () => {
  const res = await env.api('demo-admin', 'whoami', { note: 'x'.repeat(300 * 1024) } as never);
  expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: '请求内容过大' } });
});

test('the scheduler refuses a call that carries a user identity', async () => {
  const { result } = await env.callFunction('scheduler', { Type: 'Timer', TriggerName: 'anything' }, { openid: 'demo-admin' });
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('firing an unknown trigger is a clear 404', async () => {
  const res = await post('/_emulator/timers/fire', JSON.stringify({ function: 'scheduler', trigger: 'no-such-trigger', at: '2027-03-01T00:00:00Z' }));
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ code: 'TRIGGER_NOT_FOUND' });
});

test('wx.api: subscribe messages are recorded in the outbox; an errcode can be configured per OPENID', async () => {
  const send = (touser: string) =>
    env.app.callWxOpenApi({
      apiName: '/cgi-bin/message/subscribe/send',
      requestData: { touser, template_id: 'TPL', page: 'pages/home/index', data: { thing1: { value: '明晚亲情视频' } } },
    });
  const ok = await send('demo-parent');
  expect(ok.result).toMatchObject({ errcode: 0 });
  await post('/_emulator/wx/failures', JSON.stringify({ openid: 'demo-guardian', errcodes: [43101] }));
  const refused = await send('demo-guardian');
  expect(refused.result).toMatchObject({ errcode: 43101 });
  const res = await fetch(`${env.url}/_emulator/wx/messages?all=1`);
  const { messages } = (await res.json()) as { messages: Record<string, unknown>[] };
  expect(messages.map((m) => [m.touser, m.errcode])).toEqual([
    ['demo-parent', 0],
    ['demo-guardian', 43101],
  ]);
  expect(messages[0]).toMatchObject({ templateId: 'TPL', page: 'pages/home/index', data: { thing1: { value: '明晚亲情视频' } } });
});

test('data survives a restart of the emulator', async () => {
  await env.app.database().collection('schools').add({ _id: 'persisted-school', name: '重启后还在', createdAt: new Date() });
  await env.restart();
  const again = await env.app.database().collection('schools').doc('persisted-school').get();
  expect(again.data[0]).toMatchObject({ name: '重启后还在' });
  expect(again.data[0].createdAt).toBeInstanceOf(Date);
});
