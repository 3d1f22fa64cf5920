/**
 * The latency knob and the critical path: DB_LATENCY_MS adds a fixed delay to every database request (the cloud's
 * round trip), and every /functions answer says how many database requests the invocation made (x-db-requests)
 * and how long the longest chain of them was that waited on each other (x-db-depth; requests in flight together
 * count once), and how long the emulator itself worked on the answers (x-db-work-ms, apart from the round trips).
 * Measured on small functions that use the real SDK.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type Emulator } from '../../emulator/server';

jest.setTimeout(60_000);

const SDK = JSON.stringify(require.resolve('@cloudbase/node-sdk'));

/** Each function gets a database handle from its context, as CloudBase functions do, and runs `body`. */
const FUNCTIONS: Record<string, string> = {
  // three reads at once, then one that needs them: depth 2
  parallelThenOne: `await Promise.all([get(), get(), get()]); await get();`,
  // four reads one after the other: depth 4
  sequential: `for (let i = 0; i < 4; i++) await get();`,
  // two waves of two, then a write: depth 3
  waves: `await Promise.all([get(), get()]); await Promise.all([get(), get()]); await db.collection('items').add({ at: 1 });`,
  none: ``,
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-latency-'));
  for (const [name, body] of Object.entries(FUNCTIONS)) {
    fs.mkdirSync(path.join(dir, 'functions', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'functions', name, 'config.json'), JSON.stringify({ timeout: 20 }));
    fs.writeFileSync(
      path.join(dir, 'functions', name, 'index.js'),
      `const tcb = require(${SDK});
      exports.main = async (event, context) => {
        const env = tcb.getCloudbaseContext(context);
        const app = tcb.init({ env: 'e', serviceUrl: env.CARE_ROOM_SERVICE_URL, secretId: env.TENCENTCLOUD_SECRETID, secretKey: env.TENCENTCLOUD_SECRETKEY });
        const db = app.database();
        const get = () => db.collection('items').limit(1).get();
        ${body}
        return 'done';
      };`,
    );
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function withEmulator<T>(options: { dbLatencyMs?: number }, run: (emulator: Emulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({
    dataDir: fs.mkdtempSync(path.join(dir, 'data-')),
    functionsDir: path.join(dir, 'functions'),
    port: 0,
    ...options,
  });
  try {
    await emulator.database.handle({ action: 'database.addCollection', collectionName: 'items' });
    return await run(emulator);
  } finally {
    await emulator.stop();
  }
}

async function call(emulator: Emulator, name: string) {
  const started = Date.now();
  const res = await fetch(`${emulator.url}/functions/${name}`, { method: 'POST', body: '{}' });
  expect(await res.json()).toBe('done');
  return {
    requests: Number(res.headers.get('x-db-requests')),
    depth: Number(res.headers.get('x-db-depth')),
    workMs: Number(res.headers.get('x-db-work-ms')),
    ms: Date.now() - started,
  };
}

test('x-db-depth counts parallel requests once and chained ones each', async () => {
  await withEmulator({}, async (emulator) => {
    expect(await call(emulator, 'none')).toMatchObject({ requests: 0, depth: 0, workMs: 0 });
    expect(await call(emulator, 'sequential')).toMatchObject({ requests: 4, depth: 4 });
    expect(await call(emulator, 'waves')).toMatchObject({ requests: 5, depth: 3 });
    // Without any latency parallel requests must still be seen as parallel, every time.
    for (let i = 0; i < 20; i++) expect(await call(emulator, 'parallelThenOne')).toMatchObject({ requests: 4, depth: 2 });
  });
});

test('a timer fire reports the same counts', async () => {
  fs.writeFileSync(
    path.join(dir, 'functions', 'waves', 'config.json'),
    JSON.stringify({ timeout: 20, triggers: [{ name: 'tick', type: 'timer', config: '0 0 8 * * * *' }] }),
  );
  await withEmulator({}, async (emulator) => {
    const res = await fetch(`${emulator.url}/_emulator/timers/fire`, {
      method: 'POST',
      body: JSON.stringify({ function: 'waves', trigger: 'tick', at: '2027-03-01T08:00:00+08:00' }),
    });
    expect(await res.json()).toMatchObject({ result: 'done', dbRequests: 5, dbDepth: 3 });
  });
});

test('DB_LATENCY_MS delays every database request: the time follows the depth, not the count', async () => {
  const latency = 60;
  process.env.DB_LATENCY_MS = String(latency);
  try {
    await withEmulator({}, async (emulator) => {
      const chained = await call(emulator, 'sequential');
      expect(chained).toMatchObject({ requests: 4, depth: 4 });
      expect(chained.ms).toBeGreaterThanOrEqual(4 * latency);
      // The emulator's own work on the answers is reported apart from the round trips it waits out.
      expect(chained.workMs).toBeGreaterThanOrEqual(0);
      expect(chained.workMs).toBeLessThan(latency);
      const parallel = await call(emulator, 'parallelThenOne');
      expect(parallel).toMatchObject({ requests: 4, depth: 2 });
      expect(parallel.ms).toBeGreaterThanOrEqual(2 * latency);
      // Any SDK request waits, not only those of a function.
      const app = tcb.init({ env: 'e', serviceUrl: `${emulator.url}/admin`, secretId: 'local', secretKey: 'local' });
      const started = Date.now();
      await app.database().collection('items').limit(1).get();
      expect(Date.now() - started).toBeGreaterThanOrEqual(latency);
    });
  } finally {
    delete process.env.DB_LATENCY_MS;
  }
});

test('an invalid DB_LATENCY_MS stops the start with a clear message', async () => {
  process.env.DB_LATENCY_MS = 'slow';
  try {
    await expect(startEmulator({ dataDir: fs.mkdtempSync(path.join(dir, 'data-')), functionsDir: path.join(dir, 'functions'), port: 0 })).rejects.toThrow(
      'DB_LATENCY_MS 必须是非负数',
    );
  } finally {
    delete process.env.DB_LATENCY_MS;
  }
});
