/**
 * The database service's storage engine, with index declarations of its own: unique indexes, the planner's use of
 * SQLite expression indexes (EXPLAIN QUERY PLAN), index/no-index equivalence, persistence across close/reopen and
 * transaction expiry. Requests still go through the real @cloudbase/node-sdk over HTTP (emulator/database/http.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import type { IndexDeclaration } from '../../emulator/database/declarations';
import { type DatabaseService, explainQuery, openDatabase } from '../../emulator/database';
import { serveDatabase, type DatabaseHttpServer } from '../../emulator/database/http';

// Skip the SDK's metadata.tencentyun.com probe (see database.test.ts); requests still go to serviceUrl.
process.env.TENCENTCLOUD = 'true';
jest.setTimeout(60_000);

const INDEXES: IndexDeclaration[] = [
  { collection: 'users', name: 'openid_unique', keys: { openid: 1 }, unique: true },
  { collection: 'bindings', name: 'by_class_role', keys: { classId: 1, role: 1 } },
  { collection: 'events', name: 'by_school_time', keys: { schoolId: 1, at: -1 } },
  { collection: 'items', name: 'by_v', keys: { v: 1 } },
  { collection: 'items', name: 'by_tags', keys: { tags: 1 } },
  { collection: 'joined', name: 'by_key', keys: { key: 1 } },
];
const COLLECTIONS = ['users', 'bindings', 'events', 'items', 'plain', 'joining', 'joined'];

interface Running {
  dir: string;
  service: DatabaseService;
  server: DatabaseHttpServer;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: any;
  close(): Promise<void>;
}

async function start(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-engine-')), transactionTimeoutMs?: number): Promise<Running> {
  const service = openDatabase({
    dataDir: dir,
    collections: COLLECTIONS,
    indexes: INDEXES,
    ...(transactionTimeoutMs ? { transactionTimeoutMs } : {}),
  } as never);
  const server = await serveDatabase(service);
  const app = tcb.init({ env: 'test', secretId: 'local', secretKey: 'local', serviceUrl: server.url });
  return {
    dir,
    service,
    server,
    db: app.database(),
    async close() {
      await server.close();
      service.close();
    },
  };
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

let run: Running;
beforeAll(async () => {
  run = await start();
});
afterAll(async () => {
  await run?.close();
});

describe('unique indexes', () => {
  test('a duplicate key fails with DATABASE_DUPLICATE_WRITE naming index and key; nothing is written', async () => {
    const users = run.db.collection('users');
    await users.add({ openid: 'o1', name: 'A' });
    const err = await errorOf(users.add({ openid: 'o1', name: 'B' }));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect(err.message).toContain('openid_unique');
    expect(err.message).toContain('o1');
    const batch = await errorOf(users.add([{ openid: 'o2' }, { openid: 'o1' }]));
    expect(batch.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await users.where({ openid: 'o2' }).count()).total).toBe(0);
  });

  test('an update that would duplicate a key fails and changes no document (multi update is all or nothing)', async () => {
    const users = run.db.collection('users');
    await users.add([
      { openid: 'u-a', grp: 'g' },
      { openid: 'u-b', grp: 'g' },
    ]);
    const err = await errorOf(users.where({ grp: 'g' }).update({ openid: 'same' }));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    const left = (await users.where({ grp: 'g' }).get()).data.map((d: { openid: string }) => d.openid).sort();
    expect(left).toEqual(['u-a', 'u-b']);
  });

  test('a transaction that would duplicate a key fails at commit and writes nothing', async () => {
    const tx = await run.db.startTransaction();
    await tx.collection('users').add({ _id: 'tx-user', openid: 'tx-1' });
    await tx.collection('users').add({ _id: 'tx-user-2', openid: 'o1' });
    const err = await errorOf(tx.commit());
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    expect((await run.db.collection('users').doc('tx-user').get()).data).toEqual([]);
  });

  test('like MongoDB, a missing field counts as null for a unique index', async () => {
    await run.db.collection('users').add({ name: 'no openid' });
    const err = await errorOf(run.db.collection('users').add({ name: 'no openid either' }));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
  });
});

describe('the planner uses the declared indexes', () => {
  beforeAll(async () => {
    await run.db.collection('bindings').add(Array.from({ length: 300 }, (_x, i) => ({ classId: `c${i % 30}`, role: i % 2 ? 'teacher' : 'parent', i })));
    await run.db
      .collection('events')
      .add(Array.from({ length: 300 }, (_x, i) => ({ schoolId: `s${i % 3}`, at: new Date(Date.UTC(2024, 0, 1) + i * 3600_000), i })));
  });

  test('equality on a unique index', () => {
    const ex = explainQuery(run.service, 'users', { openid: 'o1' });
    expect(ex.indexes).toEqual(['openid_unique']);
    expect(ex.exact).toBe(true);
    expect(ex.plan.join('\n')).toMatch(/SEARCH .*USING INDEX ix__users__openid_unique/);
  });

  test('compound equality, $in and ranges on numbers, strings and dates', () => {
    expect(explainQuery(run.service, 'bindings', { classId: 'c3', role: 'teacher' }).plan.join('\n')).toMatch(
      /SEARCH .*USING INDEX ix__bindings__by_class_role/,
    );
    expect(explainQuery(run.service, 'bindings', { classId: { $in: ['c1', 'c2'] } }).indexes).toEqual(['by_class_role']);
    expect(explainQuery(run.service, 'bindings', { classId: { $gte: 'c1', $lt: 'c2' } }).indexes).toEqual(['by_class_role']);
    expect(explainQuery(run.service, 'items', { v: { $gt: 5, $lte: 10 } }).indexes).toEqual(['by_v']);
    const date = explainQuery(run.service, 'events', { schoolId: 's1', at: { $gte: new Date(Date.UTC(2024, 0, 5)) } });
    expect(date.indexes).toEqual(['by_school_time']);
    expect(date.exact).toBe(true);
  });

  test('sort on the next index field after an equality prefix needs no sorting step', () => {
    const ex = explainQuery(run.service, 'events', { schoolId: 's2' }, { at: -1 });
    expect(ex.indexes).toEqual(['by_school_time']);
    expect(ex.plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  test('an $or whose every branch is indexed narrows through the index', () => {
    const ex = explainQuery(run.service, 'bindings', { $or: [{ classId: 'c1' }, { classId: 'c2', role: 'teacher' }] });
    expect(ex.indexes).toEqual(['by_class_role']);
    expect(ex.exact).toBe(false);
    expect(explainQuery(run.service, 'bindings', { $and: [{ i: { $lt: 40 } }, { $or: [{ classId: 'c1' }, { classId: 'c2' }] }] }).indexes).toEqual([
      'by_class_role',
    ]);
  });

  test('unindexed fields scan; _id uses the id column', () => {
    expect(explainQuery(run.service, 'bindings', { i: 5 }).indexes).toEqual([]);
    expect(explainQuery(run.service, 'plain', { _id: 'x' }).indexes).toEqual(['_id']);
  });

  test('SDK results through the index are right', async () => {
    const b = await run.db.collection('bindings').where({ classId: 'c3', role: 'teacher' }).get();
    expect(b.data.map((d: { i: number }) => d.i)).toEqual([3, 33, 63, 93, 123, 153, 183, 213, 243, 273]);
    const _ = run.db.command;
    const e = await run.db
      .collection('events')
      .where({ schoolId: 's1', at: _.gte(new Date(Date.UTC(2024, 0, 10))) })
      .orderBy('at', 'desc')
      .limit(3)
      .get();
    expect(e.data.map((d: { i: number }) => d.i)).toEqual([298, 295, 292]);
    expect((await run.db.collection('events').where({ schoolId: 's1' }).count()).total).toBe(100);
  });

  test('once an indexed field holds an array the index is no longer trusted, and array matches still work', async () => {
    const items = run.db.collection('items');
    await items.add([{ tags: 'a' }, { tags: 'b' }]);
    expect(explainQuery(run.service, 'items', { tags: 'a' }).indexes).toEqual(['by_tags']);
    await items.add({ tags: ['a', 'c'] });
    expect(explainQuery(run.service, 'items', { tags: 'a' }).indexes).toEqual([]);
    expect((await items.where({ tags: 'a' }).count()).total).toBe(2);
  });
});

describe('indexed and unindexed collections give the same answers', () => {
  const values: unknown[] = [
    0,
    1,
    1.5,
    -2,
    10,
    1e12,
    'a',
    'B',
    'b',
    '10',
    '',
    true,
    false,
    null,
    new Date('2024-01-01T00:00:00Z'),
    new Date('2023-06-01T00:00:00Z'),
    { x: 1 },
  ];
  beforeAll(async () => {
    const docs = [];
    for (let i = 0; i < 120; i++) {
      const doc: Record<string, unknown> = { i };
      if (i % 19 !== 0) doc.v = values[i % values.length];
      docs.push(doc);
    }
    await run.db.createCollection('mirror');
    await run.db
      .collection('items')
      .where({ _id: run.db.command.exists(true) })
      .remove();
    await run.db.collection('items').add(docs);
    await run.db.collection('mirror').add(docs);
  });

  const _ = () => run.db.command;
  const queries: [string, () => unknown, string?][] = [
    ['eq number', () => ({ v: 1 })],
    ['eq string', () => ({ v: 'b' })],
    ['eq null (and missing)', () => ({ v: null })],
    ['eq bool', () => ({ v: false })],
    ['eq date', () => ({ v: new Date('2024-01-01T00:00:00Z') })],
    ['in mixed', () => ({ v: _().in([1, 'a', null, true, new Date('2023-06-01T00:00:00Z')]) })],
    ['gt number', () => ({ v: _().gt(1) })],
    ['lte string', () => ({ v: _().lte('a') })],
    [
      'range dates',
      () => ({
        v: _()
          .gte(new Date('2023-01-01T00:00:00Z'))
          .and(_().lt(new Date('2024-01-01T00:00:00Z'))),
      }),
    ],
    ['neq', () => ({ v: _().neq(1) })],
    ['exists false', () => ({ v: _().exists(false) })],
    ['or', () => _().or([{ v: 1 }, { v: 'a' }])],
    ['or of a range and null', () => _().or([{ v: _().gt(5) }, { v: null }])],
    ['or inside and', () => _().and([{ i: _().lt(60) }, _().or([{ v: 'a' }, { v: true }])])],
    ['or with a branch the index cannot take', () => _().or([{ v: 1 }, { v: _().exists(false) }])],
  ];

  test.each(queries)('%s', async (_name, where) => {
    const get = async (coll: string, sort?: 'asc' | 'desc', byVOnly = false, page = false) => {
      let q = run.db.collection(coll).where(where()).limit(1000);
      if (sort) q = q.orderBy('v', sort);
      if (sort && !byVOnly) q = q.orderBy('i', 'asc');
      if (page) q = q.skip(3).limit(5);
      return (await q.get()).data.map((d: { i: number }) => d.i);
    };
    expect(await get('items')).toEqual(await get('mirror'));
    expect(await get('items', undefined, false, true)).toEqual(await get('mirror', undefined, false, true));
    for (const dir of ['asc', 'desc'] as const) {
      expect(await get('items', dir)).toEqual(await get('mirror', dir));
      expect(await get('items', dir, true)).toEqual(await get('mirror', dir, true));
      expect(await get('items', dir, true, true)).toEqual(await get('mirror', dir, true, true));
    }
    expect((await run.db.collection('items').where(where()).count()).total).toBe((await run.db.collection('mirror').where(where()).count()).total);
  });
});

describe('$lookup on equal fields', () => {
  test('joins only what the input names, as a read of the whole collection would: arrays on either side, missing keys, many keys', async () => {
    const key = (i: number) => `k${i}`;
    await run.db
      .collection('joining')
      .add([...Array.from({ length: 700 }, (_x, i) => ({ i, key: key(i) })), { i: 'both', key: [key(1), key(650)] }, { i: 'none' }]);
    await run.db.collection('joined').add([
      ...Array.from({ length: 700 }, (_x, n) => ({ n, key: key(n) })),
      // an array on the foreign side whose values fall in two chunks of keys: joined once
      { n: 'multi', key: [key(2), key(600)] },
      { n: 'nokey' },
    ]);
    const res = await run.db.collection('joining').aggregate().lookup({ from: 'joined', localField: 'key', foreignField: 'key', as: 'hits' }).limit(1000).end();
    const hits = new Map((res.data as { i: unknown; hits: { n: unknown }[] }[]).map((d) => [d.i, d.hits.map((h) => h.n)]));
    expect(hits.size).toBe(702);
    expect(hits.get(0)).toEqual([0]);
    expect(hits.get(2)).toEqual([2, 'multi']);
    expect(hits.get(600)).toEqual([600, 'multi']);
    expect(hits.get('both')).toEqual([1, 650]);
    expect(hits.get('none')).toEqual(['nokey']);
    const narrowed = await run.db
      .collection('joining')
      .aggregate()
      .match({ i: run.db.command.in([5, 'both']) })
      .lookup({ from: 'joined', localField: 'key', foreignField: 'key', as: 'hits' })
      .project({ _id: 0, i: 1, 'hits.n': 1 })
      .end();
    expect(narrowed.data).toEqual([
      { i: 5, hits: [{ n: 5 }] },
      { i: 'both', hits: [{ n: 1 }, { n: 650 }] },
    ]);
  });
});

describe('persistence and lifecycle', () => {
  test('data, indexes and multikey flags survive close and reopen; the file is WAL', async () => {
    const first = await start();
    expect(first.service.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(fs.existsSync(path.join(first.dir, 'emulator.sqlite'))).toBe(true);
    await first.db.createCollection('extra');
    await first.db.collection('extra').add({ _id: 'e1', at: new Date(5) });
    await first.db.collection('users').add({ openid: 'persist' });
    await first.db.collection('items').add({ tags: ['x'] });
    await first.close();

    const second = await start(first.dir);
    try {
      expect((await second.db.collection('extra').doc('e1').get()).data[0]).toEqual({ _id: 'e1', at: new Date(5) });
      expect((await second.db.collection('users').where({ openid: 'persist' }).count()).total).toBe(1);
      expect(explainQuery(second.service, 'users', { openid: 'persist' }).indexes).toEqual(['openid_unique']);
      expect(explainQuery(second.service, 'items', { tags: 'x' }).indexes).toEqual([]);
      const dup = await errorOf(second.db.collection('users').add({ openid: 'persist' }));
      expect(dup.code).toBe('DATABASE_DUPLICATE_WRITE');
    } finally {
      await second.close();
    }
  });

  test('an uncommitted transaction expires and releases its documents', async () => {
    const short = await start(undefined, 300);
    try {
      await short.db.collection('plain').add({ _id: 'k', v: 0 });
      const t1 = await short.db.startTransaction();
      await t1.collection('plain').doc('k').update({ v: 1 });
      const t2 = await short.db.startTransaction();
      expect((await errorOf(t2.collection('plain').doc('k').update({ v: 2 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT');
      await new Promise((r) => setTimeout(r, 400));
      const expired = await errorOf(t1.commit());
      expect(expired.code).toBe('DATABASE_TRANSACTION_FAIL');
      const t3 = await short.db.startTransaction();
      await t3.collection('plain').doc('k').update({ v: 3 });
      await t3.commit();
      expect((await short.db.collection('plain').doc('k').get()).data[0].v).toBe(3);
    } finally {
      await short.close();
    }
  });

  test('handle never throws, even for garbage or after close', async () => {
    const svc = openDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'db-engine-')), collections: ['c'], indexes: [] });
    for (const body of [null, [], 'x', { action: 42 }, { action: 'database.getDocument', collectionName: 7 }]) {
      const reply = await svc.handle(body as never);
      expect(typeof reply.code).toBe('string');
      expect(typeof reply.requestId).toBe('string');
    }
    const ok = await svc.handle({ action: 'database.insertDocument', collectionName: 'c', data: ['{"_id":{"$numberInt":"7"},"a":1}'] });
    expect(ok.data).toEqual({ insertedIds: [7] });
    const byNumber = await svc.handle({ action: 'database.getDocument', collectionName: 'c', queryType: 'DOC', query: '{"_id":7}' });
    expect((byNumber.data as { list: string[] }).list).toHaveLength(1);
    svc.close();
    const closed = await svc.handle({ action: 'database.getDocument', collectionName: 'c' });
    expect(closed.code).toBeTruthy();
  });
});
