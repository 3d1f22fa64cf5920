/**
 * What the emulator lets in: /admin only with a valid signature made with the emulator's keys (as CloudBase checks
 * every SDK request), bodies of bounded size and depth checked before anything recursive reads them, and a bounded
 * x-openid. Every refused request changes nothing and the emulator keeps serving.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator as start, type Emulator } from '../../emulator/server';
import { credentialsFromEnv } from '../../emulator/signature';
import { sdkApp, startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS, seedDemo } from '../../scripts/demo-data';
import { adminPost } from './admin';

jest.setTimeout(60_000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator();
  await env.app.database().createCollection('notes');
  await env.app.database().collection('notes').add({ _id: 'n1', text: '只给有密钥的人看' });
});
afterAll(() => env.stop());

const read = { action: 'database.getDocument', collectionName: 'notes', queryType: 'WHERE', query: '{}', envName: 'care-room-local' };
const write = { action: 'database.insertDocument', collectionName: 'notes', data: ['{"text":"伪造"}'], envName: 'care-room-local' };
const count = async () => (await env.app.database().collection('notes').count()).total;

/** A deeply nested JSON text built without recursion. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('signatures on /admin', () => {
  test('a request signed with the emulator keys is answered', async () => {
    const res = await adminPost(env.url, read);
    expect(res.body).toMatchObject({ data: { list: [expect.stringContaining('只给有密钥的人看')] } });
  });

  test('unsigned reads and writes are refused with the cloud code, and nothing is written', async () => {
    for (const body of [read, write]) {
      const res = await adminPost(env.url, body, { keys: false });
      expect(res.body).toMatchObject({
        code: 'SIGN_PARAM_INVALID',
        message: expect.stringContaining('missing signature'),
        requestId: expect.any(String),
      });
      expect(res.body).not.toHaveProperty('data');
    }
    expect(await count()).toBe(1);
  });

  test('a wrong secret key, a wrong secret id and a foreign signature are refused', async () => {
    const wrongKey = await adminPost(env.url, write, { keys: { secretId: 'local', secretKey: 'guess' } });
    expect(wrongKey.body).toMatchObject({ code: 'SIGN_PARAM_INVALID', message: expect.stringContaining('signature mismatch') });
    const wrongId = await adminPost(env.url, write, { keys: { secretId: 'someone', secretKey: 'local' } });
    expect(wrongId.body).toMatchObject({ code: 'SIGN_PARAM_INVALID', message: expect.stringContaining('secret id error') });
    const garbage = await adminPost(env.url, write, {
      override: { authorization: 'TC3-HMAC-SHA256 Credential=local/2020-01-01/tcb/tc3_request, SignedHeaders=host, Signature=00' },
    });
    expect(garbage.body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(await count()).toBe(1);
  });

  test('through the real SDK: an app with other keys gets the error thrown, the emulator keys work', async () => {
    const stranger = tcb.init({ env: 'care-room-local', serviceUrl: `${env.url}/admin`, secretId: 'local', secretKey: 'not-the-key' });
    await expect(stranger.database().collection('notes').get()).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    await expect(stranger.database().collection('notes').add({ text: '伪造' })).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect((await env.app.database().collection('notes').get()).data).toEqual([{ _id: 'n1', text: '只给有密钥的人看' }]);
  });

  test('a signed request whose body, address or headers were changed afterwards is refused', async () => {
    const body = await adminPost(env.url, read, { sentBody: write });
    expect(body.body).toMatchObject({ code: 'SIGN_PARAM_INVALID', message: expect.stringContaining('signature mismatch') });
    const extraField = await adminPost(env.url, read, { sentBody: { ...read, limit: 1000 } });
    expect(extraField.body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect((await adminPost(env.url, read, { query: 'inv=abc' })).body).toMatchObject({ data: expect.any(Object) });
    const moved = await adminPost(env.url, read, { query: 'inv=abc', sentQuery: 'inv=other' });
    expect(moved.body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    const otherHost = await adminPost(env.url, read, { override: { host: `localhost:${env.port}` } });
    expect(otherHost.body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(await count()).toBe(1);
  });

  test('an expired signature, or one dated in the future, is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await adminPost(env.url, write, { timestamp: now - 601 });
    expect(old.body).toMatchObject({ code: 'SIGN_PARAM_INVALID', message: expect.stringContaining('signature is expired') });
    const future = await adminPost(env.url, write, { timestamp: now + 601 });
    expect(future.body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    const recent = await adminPost(env.url, read, { timestamp: now - 300 });
    expect(recent.body).toMatchObject({ data: expect.any(Object) });
    expect(await count()).toBe(1);
  });

  test('wx.api needs the signature too', async () => {
    const send = {
      action: 'wx.api',
      apiName: '/cgi-bin/message/subscribe/send',
      requestData: JSON.stringify({ touser: 'x', template_id: 'T', data: {} }),
    };
    expect((await adminPost(env.url, send, { keys: false })).body).toMatchObject({ code: 'SIGN_PARAM_INVALID' });
    expect(env.emulator.wx.messages({ includeFailed: true })).toEqual([]);
  });
});

describe('keys the emulator is started with', () => {
  test('EMULATOR_SECRET_ID / EMULATOR_SECRET_KEY choose them; local/local otherwise', () => {
    expect(credentialsFromEnv({})).toEqual({ secretId: 'local', secretKey: 'local' });
    expect(credentialsFromEnv({ EMULATOR_SECRET_ID: 'id-1', EMULATOR_SECRET_KEY: 'key-1' })).toEqual({
      secretId: 'id-1',
      secretKey: 'key-1',
    });
  });

  test('with other keys, only those work; functions receive them in their context as in the cloud', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-keys-'));
    const fnDir = path.join(dir, 'functions', 'reader');
    fs.mkdirSync(fnDir, { recursive: true });
    fs.writeFileSync(path.join(fnDir, 'config.json'), JSON.stringify({ timeout: 10 }));
    // A function that signs with the keys its context carries, as CloudBase functions do.
    fs.writeFileSync(
      path.join(fnDir, 'index.js'),
      `const tcb = require(${JSON.stringify(require.resolve('@cloudbase/node-sdk'))});
      exports.main = async (event, context) => {
        const env = tcb.getCloudbaseContext(context);
        const app = tcb.init({ env: 'e', serviceUrl: env.CARE_ROOM_SERVICE_URL, secretId: env.TENCENTCLOUD_SECRETID, secretKey: env.TENCENTCLOUD_SECRETKEY });
        return (await app.database().collection('notes').get()).data.length;
      };`,
    );
    let emulator: Emulator | undefined;
    try {
      emulator = await start({
        dataDir: path.join(dir, 'data'),
        functionsDir: path.join(dir, 'functions'),
        port: 0,
        credentials: { secretId: 'id-1', secretKey: 'key-1' },
      });
      const mine = tcb.init({ env: 'e', serviceUrl: `${emulator.url}/admin`, secretId: 'id-1', secretKey: 'key-1' });
      await mine.database().createCollection('notes');
      await mine.database().collection('notes').add({ text: 'x' });
      const defaults = tcb.init({ env: 'e', serviceUrl: `${emulator.url}/admin`, secretId: 'local', secretKey: 'local' });
      await expect(defaults.database().collection('notes').get()).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' });
      expect((await emulator.functions.invoke('reader', {})).result).toBe(1);
    } finally {
      await emulator?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the project's own functions and tools with other keys", () => {
  test('an emulator started with other keys serves the api function, which signs with the keys of its context', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-keys-api-'));
    const keys = { secretId: 'id-2', secretKey: 'key-2' };
    const emulator = await start({ dataDir: dir, port: 0, credentials: keys });
    try {
      await seedDemo(sdkApp(emulator.url, emulator.credentials));
      const res = await fetch(`${emulator.url}/functions/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': DEMO_OPENIDS.teacher },
        body: JSON.stringify({ action: 'whoami', input: {} }),
      });
      expect(await res.json()).toMatchObject({ ok: true, data: { bindings: expect.arrayContaining([expect.objectContaining({ role: 'teacher' })]) } });
      await expect(sdkApp(emulator.url, { secretId: 'local', secretKey: 'local' }).database().collection('children').count()).rejects.toMatchObject({
        code: 'SIGN_PARAM_INVALID',
      });
    } finally {
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('request shape', () => {
  test('a /functions body nested 5,000 deep is refused before the function runs', async () => {
    const res = await fetch(`${env.url}/functions/api`, {
      method: 'POST',
      headers: { 'x-openid': 'demo-admin' },
      body: `{"action":"whoami","input":${nested(5000)}}`,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'REQUEST_TOO_DEEP', message: '请求体嵌套超过 1000 层' });
  });

  test('an /admin body nested 5,000 deep is refused before its signature is even computed', async () => {
    const res = await adminPost(env.url, `{"action":"database.insertDocument","collectionName":"notes","data":[${nested(5000)}]}`);
    expect(res).toEqual({ status: 400, body: { code: 'REQUEST_TOO_DEEP', message: '请求体嵌套超过 1000 层' } });
    expect(await count()).toBe(1);
  });

  test('a signed database request whose EJSON nests 5,000 deep gets INVALID_PARAM, not a stack overflow', async () => {
    for (const body of [
      { ...write, data: [nested(5000)] },
      { ...read, query: nested(5000) },
      {
        action: 'database.modifyDocument',
        collectionName: 'notes',
        queryType: 'DOC',
        query: '{"_id":"n1"}',
        data: `{"$set":{"x":${nested(5000)}}}`,
        merge: true,
      },
    ]) {
      const res = await adminPost(env.url, body);
      expect(res.body).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('嵌套超过 200 层') });
    }
    expect((await env.app.database().collection('notes').get()).data).toEqual([{ _id: 'n1', text: '只给有密钥的人看' }]);
  });

  test('documents nest at most 100 levels, as in MongoDB', async () => {
    const db = env.app.database();
    // A document { _id, v } whose v is nested n - 1 deep is itself n levels deep.
    const value = (n: number) => JSON.parse(nested(n - 1)) as Record<string, unknown>;
    await expect(db.collection('notes').add({ _id: 'deep-100', v: value(100) })).resolves.toMatchObject({ id: 'deep-100' });
    await expect(db.collection('notes').add({ _id: 'deep-101', v: value(101) })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
      message: expect.stringContaining('100'),
    });
    await expect(
      db
        .collection('notes')
        .doc('deep-100')
        .set({ v: value(101) }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    expect((await db.collection('notes').doc('deep-101').get()).data).toEqual([]);
    await db.collection('notes').doc('deep-100').remove();
  });

  test('x-openid longer than 128 characters is refused; 128 is fine', async () => {
    const call = (openid: string) => fetch(`${env.url}/functions/api`, { method: 'POST', headers: { 'x-openid': openid }, body: '{"action":"whoami"}' });
    const long = await call('o'.repeat(129));
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ code: 'INVALID_PARAM', message: 'x-openid 过长（最多 128 个字符）' });
    expect((await call('o'.repeat(128))).status).toBe(200);
  });

  test('after all that the emulator still serves', async () => {
    expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
    expect(await count()).toBe(1);
  });
});
