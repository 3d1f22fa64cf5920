/**
 * Database service benchmark: a real emulator server (emulator/server.ts) on a temp dir, driven through the real
 * @cloudbase/node-sdk. Loads a 100k-document collection with an indexed field (bindings.openid, index by_openid),
 * then measures sequential indexed get, insert and update, and compares an indexed get through SDK + HTTP +
 * emulator with the same SQL run directly on the SQLite handle.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator } from '../emulator/server';
import { explainQuery } from '../emulator/database';

const COLLECTION = 'bindings';
const FIELD = 'openid';
const DOCS = 100_000;
const BATCH = 1000;
const KEYS = 20_000; // 5 documents per openid

function opsPerSec(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')} ops/s`;
}

async function timed(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return performance.now() - t0;
}

export async function run(): Promise<void> {
  // With serviceUrl set, the SDK still probes metadata.tencentyun.com before every request (30 ms timeout, retried
  // each time when it fails, ~45 ms per call off-cloud). Declaring the platform skips the probe; requests still go
  // to serviceUrl. Without this the figures below would measure that probe, not the emulator.
  process.env.TENCENTCLOUD = 'true';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-bench-db-'));
  const emulator = await startEmulator({ dataDir, port: 0 });
  try {
    const app = tcb.init({ env: 'bench', ...emulator.credentials, serviceUrl: `${emulator.url}/admin`, timeout: 120_000 });
    const db = app.database();
    const coll = db.collection(COLLECTION);
    const _ = db.command;

    // ---- load --------------------------------------------------------------------------------
    let t0 = performance.now();
    for (let start = 0; start < DOCS; start += BATCH) {
      const docs = [];
      for (let i = start; i < start + BATCH; i++) {
        docs.push({
          openid: `o${i % KEYS}`,
          role: i % 3 ? 'parent' : 'teacher',
          classId: `c${i % 500}`,
          n: i,
          at: new Date(1_700_000_000_000 + i * 1000),
        });
      }
      await coll.add(docs);
    }
    const loadMs = performance.now() - t0;
    console.log(
      `load      ${DOCS.toLocaleString('en-US')} docs in batches of ${BATCH}: ${(loadMs / 1000).toFixed(1)} s (${opsPerSec(DOCS, loadMs).replace('ops', 'docs')})`,
    );

    const plan = explainQuery(emulator.database, COLLECTION, { [FIELD]: 'o123' });
    console.log(`plan      where({ ${FIELD} }) uses index: ${plan.indexes.join(', ') || 'NONE'}`);

    // ---- indexed get ------------------------------------------------------------------------
    const GETS = 2000;
    await timed(200, (i) => coll.where({ [FIELD]: `o${(i * 7919) % KEYS}` }).get()); // warm-up
    let rows = 0;
    const getMs = await timed(GETS, async (i) => {
      const r = await coll.where({ [FIELD]: `o${(i * 7919) % KEYS}` }).get();
      rows += r.data.length;
    });
    console.log(`get       indexed where().get(), ${rows / GETS} docs each: ${opsPerSec(GETS, getMs)} (${(getMs / GETS).toFixed(2)} ms/op)`);

    // ---- the same query directly on SQLite ---------------------------------------------------
    const stmt = emulator.database.sqlite.prepare(`${plan.sql} LIMIT 100`);
    const DIRECT = 20_000;
    for (let i = 0; i < 1000; i++) stmt.all(...withKey(plan.params, `o${i % KEYS}`));
    t0 = performance.now();
    for (let i = 0; i < DIRECT; i++) stmt.all(...withKey(plan.params, `o${(i * 7919) % KEYS}`));
    const directMs = performance.now() - t0;
    const perGet = getMs / GETS;
    const perDirect = directMs / DIRECT;
    console.log(`sqlite    same SQL on the handle: ${opsPerSec(DIRECT, directMs)} (${(perDirect * 1000).toFixed(1)} µs/op)`);
    console.log(`ratio     SDK+emulator get / direct SQLite: ${(perGet / perDirect).toFixed(1)}x`);

    // The service alone (no SDK, no HTTP): the same request body the SDK sends.
    const SERVICE = 5000;
    const serviceMs = await timed(SERVICE, (i) =>
      emulator.database.handle({
        action: 'database.getDocument',
        collectionName: COLLECTION,
        queryType: 'WHERE',
        query: JSON.stringify({ [FIELD]: `o${(i * 7919) % KEYS}` }),
        limit: 100,
      }),
    );
    console.log(
      `service   handle() alone, same get: ${opsPerSec(SERVICE, serviceMs)} (${((serviceMs / SERVICE) * 1000).toFixed(1)} µs/op; ${(serviceMs / SERVICE / perDirect).toFixed(1)}x direct SQLite)`,
    );

    // ---- insert ------------------------------------------------------------------------------
    const INSERTS = 1000;
    const ids: string[] = [];
    const insMs = await timed(INSERTS, async (i) => {
      const r = await coll.add({ openid: `new${i}`, role: 'parent', classId: 'c1', n: DOCS + i, at: db.serverDate() });
      ids.push(r.id as string);
    });
    console.log(`insert    add() one doc: ${opsPerSec(INSERTS, insMs)} (${(insMs / INSERTS).toFixed(2)} ms/op)`);

    // ---- update ------------------------------------------------------------------------------
    const UPDATES = 1000;
    const updMs = await timed(UPDATES, (i) => coll.doc(ids[i % ids.length]).update({ n: _.inc(1), updatedAt: db.serverDate() }));
    console.log(`update    doc().update(): ${opsPerSec(UPDATES, updMs)} (${(updMs / UPDATES).toFixed(2)} ms/op)`);
    const whereUpdMs = await timed(200, (i) => coll.where({ [FIELD]: `o${i}` }).update({ touched: _.inc(1) }));
    console.log(`update    indexed where().update(), 5 docs each: ${opsPerSec(200, whereUpdMs)} (${(whereUpdMs / 200).toFixed(2)} ms/op)`);
  } finally {
    await emulator.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The planner's params for `{ field: key }` are [typeRank, value]; swap in another key. */
function withKey(params: unknown[], key: string): unknown[] {
  return [params[0], key];
}

if (require.main === module) {
  run().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
