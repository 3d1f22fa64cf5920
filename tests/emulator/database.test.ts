/**
 * Conformance of the emulator's database service, through the real @cloudbase/node-sdk against the real emulator
 * HTTP server (tests/helpers/emulator.ts). Every test uses its own collection created with db.createCollection.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { adminPost } from './admin';

// With serviceUrl set the SDK still probes metadata.tencentyun.com (30 ms timeout, retried on every request when
// it fails). Declaring the platform skips the probe; the request URL stays serviceUrl.
process.env.TENCENTCLOUD = 'true';

jest.setTimeout(60_000);

/** The SDK's database objects are untyped (`any`) in @cloudbase/node-sdk's typings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let emu: TestEmulator;
let db: Any;
let _: Any;
let n = 0;

async function fresh(prefix = 't'): Promise<string> {
  const name = `${prefix}_${++n}`;
  await db.createCollection(name);
  return name;
}

/** A raw POST /admin (signed like the SDK's), for requests the SDK would never send. */
async function raw(body: unknown): Promise<Record<string, unknown>> {
  return (await adminPost(emu.url, body)).body;
}

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  emu = await startEmulator();
  db = emu.app.database();
  _ = db.command;
});

afterAll(async () => {
  await emu?.stop();
});

describe('collections', () => {
  test('createCollection creates; creating it again fails like the cloud', async () => {
    const name = await fresh();
    expect((await db.collection(name).get()).data).toEqual([]);
    const err = await errorOf(db.createCollection(name));
    expect(err.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  });

  test('reading or writing a missing collection fails with DATABASE_COLLECTION_NOT_EXIST naming it', async () => {
    for (const call of [
      () => db.collection('no_such_coll').get(),
      () => db.collection('no_such_coll').add({ a: 1 }),
      () => db.collection('no_such_coll').where({ a: 1 }).count(),
      () => db.collection('no_such_coll').doc('x').update({ a: 1 }),
      () => db.collection('no_such_coll').where({ a: 1 }).remove(),
    ]) {
      const err = await errorOf(call());
      expect(err.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
      expect(err.message).toContain('no_such_coll');
    }
  });
});

describe('insert and get', () => {
  test('add one: generated 32-hex _id; doc().get() returns it with Dates and numbers intact', async () => {
    const c = await fresh();
    const at = new Date('2024-03-01T08:00:00.000Z');
    const res = await db.collection(c).add({ title: '家访', n: 3, x: 1.5, big: 1700000000000, at, nested: { arr: [1, 'a', null] }, ok: true });
    expect(res.id).toMatch(/^[0-9a-f]{32}$/);
    const got = await db.collection(c).doc(res.id).get();
    expect(got.data).toHaveLength(1);
    const doc = got.data[0];
    expect(doc).toEqual({ _id: res.id, title: '家访', n: 3, x: 1.5, big: 1700000000000, at, nested: { arr: [1, 'a', null] }, ok: true });
    expect(doc.at).toBeInstanceOf(Date);
  });

  test('add many returns ids in order; custom _id kept; missing doc gives an empty list', async () => {
    const c = await fresh();
    const res = await db.collection(c).add([{ _id: 'mine', k: 1 }, { k: 2 }, { k: 3 }]);
    expect(res.ids).toHaveLength(3);
    expect(res.ids[0]).toBe('mine');
    const all = await db.collection(c).get();
    expect(all.data.map((d: { k: number }) => d.k)).toEqual([1, 2, 3]);
    expect((await db.collection(c).doc('nope').get()).data).toEqual([]);
    const viaCreate = await db.collection(c).doc('made').create({ k: 4 });
    expect(viaCreate.id).toBe('made');
  });

  test('duplicate _id fails with DATABASE_DUPLICATE_WRITE and a batch is all or nothing', async () => {
    const c = await fresh();
    await db.collection(c).add({ _id: 'a', v: 1 });
    const err = await errorOf(db.collection(c).add({ _id: 'a', v: 2 }));
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE');
    const batch = await errorOf(db.collection(c).add([{ _id: 'b' }, { _id: 'a' }, { _id: 'c' }]));
    expect(batch.code).toBe('DATABASE_DUPLICATE_WRITE');
    const inBatch = await errorOf(db.collection(c).add([{ _id: 'd' }, { _id: 'd' }]));
    expect(inBatch.code).toBe('DATABASE_DUPLICATE_WRITE');
    const ids = (await db.collection(c).get()).data.map((d: { _id: string }) => d._id);
    expect(ids).toEqual(['a']);
    expect((await db.collection(c).doc('a').get()).data[0].v).toBe(1);
  });

  test('db.serverDate() in add and update becomes the server time as a Date', async () => {
    const c = await fresh();
    const before = Date.now();
    const { id } = await db.collection(c).add({ createdAt: db.serverDate(), later: db.serverDate({ offset: 60_000 }) });
    const doc = (await db.collection(c).doc(id).get()).data[0];
    expect(doc.createdAt).toBeInstanceOf(Date);
    expect(doc.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(doc.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 5);
    expect(doc.later.getTime() - doc.createdAt.getTime()).toBe(60_000);
    await db.collection(c).doc(id).update({ updatedAt: db.serverDate() });
    const after = (await db.collection(c).doc(id).get()).data[0];
    expect(after.updatedAt).toBeInstanceOf(Date);
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(doc.createdAt.getTime());
    // serverDate in a query compares against the server clock
    expect(
      (
        await db
          .collection(c)
          .where({ createdAt: _.lte(db.serverDate()) })
          .count()
      ).total,
    ).toBe(1);
  });
});

describe('queries', () => {
  let c: string;
  const d = (iso: string) => new Date(iso);
  beforeAll(async () => {
    c = await fresh('q');
    await db.collection(c).add([
      {
        _id: 'a',
        n: 1,
        s: 'apple',
        tag: 'x',
        at: d('2024-01-01T00:00:00Z'),
        arr: [1, 2, 3],
        items: [
          { k: 'p', q: 1 },
          { k: 'q', q: 5 },
        ],
        o: { p: 1 },
      },
      { _id: 'b', n: 5, s: 'Banana', tag: null, at: d('2024-02-01T00:00:00Z'), arr: [2, 4], items: [{ k: 'p', q: 9 }] },
      { _id: 'c', n: 10, s: 'cherry', at: d('2024-03-01T00:00:00Z'), arr: [], o: { p: 2 } },
      { _id: 'd', n: '10', s: 'date', tag: 'y', arr: [7] },
    ]);
  });
  const ids = async (where: unknown, build?: (q: Any) => Any): Promise<string[]> => {
    let q = db.collection(c).where(where);
    if (build) q = build(q);
    return (await q.get()).data.map((x: { _id: string }) => x._id);
  };

  test('comparison operators are type-bracketed like MongoDB', async () => {
    expect(await ids({ n: _.gt(1) })).toEqual(['b', 'c']);
    expect(await ids({ n: _.gte(1).and(_.lt(10)) })).toEqual(['a', 'b']);
    expect(await ids({ n: _.lte(5) })).toEqual(['a', 'b']);
    expect(await ids({ n: _.eq(10) })).toEqual(['c']);
    expect(await ids({ n: '10' })).toEqual(['d']);
    expect(await ids({ n: _.neq(10) })).toEqual(['a', 'b', 'd']);
  });

  test('$in / $nin / $exists / null matches missing', async () => {
    expect(await ids({ n: _.in([1, 10]) })).toEqual(['a', 'c']);
    expect(await ids({ n: _.nin([1, 10]) })).toEqual(['b', 'd']);
    expect(await ids({ tag: _.exists(true) })).toEqual(['a', 'b', 'd']);
    expect(await ids({ tag: _.exists(false) })).toEqual(['c']);
    expect(await ids({ tag: null })).toEqual(['b', 'c']);
    expect(await ids({ tag: _.in(['y', null]) })).toEqual(['b', 'c', 'd']);
  });

  test('$or / $and / $nor', async () => {
    expect(await ids(_.or([{ n: 1 }, { s: 'cherry' }]))).toEqual(['a', 'c']);
    expect(await ids(_.and([{ n: _.gt(0) }, { n: _.lt(6) }]))).toEqual(['a', 'b']);
    expect(await ids(_.nor([{ n: 1 }, { tag: null }]))).toEqual(['d']);
    expect(await ids({ n: _.lt(2).or(_.gt(6)) })).toEqual(['a', 'c']);
  });

  test('regular expressions: JS RegExp and db.RegExp', async () => {
    expect(await ids({ s: /^b/i })).toEqual(['b']);
    expect(await ids({ s: db.RegExp({ regexp: 'an', options: 'i' }) })).toEqual(['b']);
    expect(await ids({ s: db.RegExp({ regexp: '^[ac]' }) })).toEqual(['a', 'c']);
  });

  test('arrays: element match, $elemMatch, $size, $all, dot paths into arrays', async () => {
    expect(await ids({ arr: 2 })).toEqual(['a', 'b']);
    expect(await ids({ arr: _.size(0) })).toEqual(['c']);
    expect(await ids({ arr: _.all([2, 4]) })).toEqual(['b']);
    expect(await ids({ items: _.elemMatch({ k: 'p', q: _.gt(3) }) })).toEqual(['b']);
    expect(await ids({ 'items.q': 5 })).toEqual(['a']);
    expect(await ids({ 'items.k': 'p' })).toEqual(['a', 'b']);
    expect(await ids({ 'arr.0': 7 })).toEqual(['d']);
    expect(await ids({ o: { p: 2 } })).toEqual(['c']);
  });

  test('dates compare as dates', async () => {
    expect(await ids({ at: _.gte(d('2024-02-01T00:00:00Z')) })).toEqual(['b', 'c']);
    expect(await ids({ at: _.lt(d('2024-02-01T00:00:00Z')) })).toEqual(['a']);
    expect(await ids({ at: d('2024-03-01T00:00:00Z') })).toEqual(['c']);
    expect(await ids({ at: _.in([d('2024-01-01T00:00:00Z'), d('2024-03-01T00:00:00Z')]) })).toEqual(['a', 'c']);
  });

  test('orderBy (multi-key, mixed types in MongoDB order), skip, limit, field projection', async () => {
    expect(await ids({}, (q) => q.orderBy('n', 'desc'))).toEqual(['d', 'c', 'b', 'a']);
    expect(await ids({}, (q) => q.orderBy('at', 'asc'))).toEqual(['d', 'a', 'b', 'c']);
    expect(await ids({ n: _.exists(true) }, (q) => q.orderBy('tag', 'asc').orderBy('n', 'desc'))).toEqual(['c', 'b', 'a', 'd']);
    expect(await ids({}, (q) => q.orderBy('_id', 'desc').skip(1).limit(2))).toEqual(['c', 'b']);
    const projected = await db.collection(c).where({ _id: 'a' }).field({ s: true, 'o.p': true }).get();
    expect(projected.data).toEqual([{ _id: 'a', s: 'apple', o: { p: 1 } }]);
    const excluded = await db.collection(c).doc('c').field({ arr: false, o: false, at: false }).get();
    expect(excluded.data).toEqual([{ _id: 'c', n: 10, s: 'cherry' }]);
  });
});

describe('limits', () => {
  test('get() returns 100 by default, at most 1000; a bigger limit is clamped', async () => {
    const c = await fresh('lim');
    const docs = Array.from({ length: 1200 }, (_x, i) => ({ i }));
    await db.collection(c).add(docs.slice(0, 600));
    await db.collection(c).add(docs.slice(600));
    expect((await db.collection(c).get()).data).toHaveLength(100);
    expect((await db.collection(c).limit(1000).get()).data).toHaveLength(1000);
    expect((await db.collection(c).count()).total).toBe(1200);
    const rawReply = await raw({ action: 'database.getDocument', collectionName: c, queryType: 'WHERE', limit: 5000 });
    expect((rawReply.data as { list: unknown[] }).list).toHaveLength(1000);
    const tail = await db.collection(c).orderBy('i', 'desc').skip(1150).limit(1000).get();
    expect(tail.data.map((x: { i: number }) => x.i)).toEqual(Array.from({ length: 50 }, (_x, i) => 49 - i));
  });

  test('a document over 512 KB is rejected and nothing is written (add, update, batch)', async () => {
    const c = await fresh();
    const big = 'x'.repeat(600 * 1024);
    const err = await errorOf(db.collection(c).add({ big }));
    expect(err.code).toBe('DATABASE_DOCUMENT_TOO_LARGE');
    expect(err.message).toContain('512KB');
    const batch = await errorOf(db.collection(c).add([{ ok: 1 }, { big }]));
    expect(batch.code).toBe('DATABASE_DOCUMENT_TOO_LARGE');
    const { id } = await db.collection(c).add({ small: 1 });
    const upd = await errorOf(db.collection(c).doc(id).update({ big }));
    expect(upd.code).toBe('DATABASE_DOCUMENT_TOO_LARGE');
    const all = (await db.collection(c).get()).data;
    expect(all).toEqual([{ _id: id, small: 1 }]);
  });
});

describe('updates', () => {
  test('doc().update merges plain fields (nested objects field by field); set() replaces; set() upserts', async () => {
    const c = await fresh();
    const { id } = await db.collection(c).add({ a: 1, o: { x: 1, y: 2 }, keep: true });
    expect(
      (
        await db
          .collection(c)
          .doc(id)
          .update({ a: 2, o: { y: 3, z: 4 } })
      ).updated,
    ).toBe(1);
    expect((await db.collection(c).doc(id).get()).data[0]).toEqual({ _id: id, a: 2, o: { x: 1, y: 3, z: 4 }, keep: true });
    // The cloud counts the documents matched, not only those changed.
    expect((await db.collection(c).doc(id).update({ a: 2 })).updated).toBe(1);
    const setRes = await db.collection(c).doc(id).set({ only: 'this' });
    expect(setRes.updated).toBe(1);
    expect((await db.collection(c).doc(id).get()).data[0]).toEqual({ _id: id, only: 'this' });
    const up = await db.collection(c).doc('new-one').set({ fresh: 1 });
    expect(up.updated).toBe(0);
    expect(up.upsertedId).toBe('new-one');
    expect((await db.collection(c).doc('new-one').get()).data[0]).toEqual({ _id: 'new-one', fresh: 1 });
    expect((await db.collection(c).doc('missing').update({ a: 1 })).updated).toBe(0);
    expect((await db.collection(c).count()).total).toBe(2);
  });

  test('every update operator', async () => {
    const c = await fresh();
    const { id } = await db.collection(c).add({
      n: 10,
      m: 3,
      lo: 5,
      hi: 5,
      gone: 1,
      old: 'v',
      arr: [3, 1],
      tags: ['a', 'b', 'a', 'c'],
      set: ['x'],
      q: [1, 2, 3, 4],
      o: { deep: 1 },
    });
    await db
      .collection(c)
      .doc(id)
      .update({
        n: _.inc(5),
        m: _.mul(4),
        lo: _.min(2),
        hi: _.max(9),
        gone: _.remove(),
        old: _.rename('renamed'),
        arr: _.push({ each: [5, 0], sort: 1, slice: 3 }),
        tags: _.pull('a'),
        set: _.addToSet('x'),
        q: _.pop(),
        'o.deep': _.inc(1),
        o2: _.set({ whole: true }),
      });
    let doc = (await db.collection(c).doc(id).get()).data[0];
    expect(doc).toEqual({
      _id: id,
      n: 15,
      m: 12,
      lo: 2,
      hi: 9,
      renamed: 'v',
      arr: [0, 1, 3],
      tags: ['b', 'c'],
      set: ['x'],
      q: [1, 2, 3],
      o: { deep: 2 },
      o2: { whole: true },
    });
    await db
      .collection(c)
      .doc(id)
      .update({
        q: _.shift(),
        set: _.addToSet({ $each: ['y', 'x', 'z'] }),
        tags: _.pullAll(['b']),
        arr: _.unshift(-1, -2),
      });
    await db
      .collection(c)
      .doc(id)
      .update({ arr: _.push({ each: [9], position: 1 }), extra: _.push('e') });
    doc = (await db.collection(c).doc(id).get()).data[0];
    expect(doc.q).toEqual([2, 3]);
    expect(doc.set).toEqual(['x', 'y', 'z']);
    expect(doc.tags).toEqual(['c']);
    expect(doc.arr).toEqual([-1, 9, -2, 0, 1, 3]);
    expect(doc.extra).toEqual(['e']);
    await db
      .collection(c)
      .doc(id)
      .update({ items: _.push([{ k: 1 }, { k: 5 }]) });
    await db
      .collection(c)
      .doc(id)
      .update({ items: _.pull({ k: _.gt(3) }) });
    expect((await db.collection(c).doc(id).get()).data[0].items).toEqual([{ k: 1 }]);
  });

  test('where().update updates every match (multi); where().remove removes every match', async () => {
    const c = await fresh();
    await db.collection(c).add([
      { g: 1, v: 0 },
      { g: 1, v: 0 },
      { g: 2, v: 0 },
    ]);
    const res = await db
      .collection(c)
      .where({ g: 1 })
      .update({ v: _.inc(1), at: db.serverDate() });
    expect(res.updated).toBe(2);
    const all = (await db.collection(c).orderBy('g', 'asc').get()).data;
    expect(all.map((x: { v: number }) => x.v)).toEqual([1, 1, 0]);
    expect(all[0].at).toBeInstanceOf(Date);
    expect((await db.collection(c).where({ g: 1 }).remove()).deleted).toBe(2);
    expect((await db.collection(c).count()).total).toBe(1);
    const one = (await db.collection(c).get()).data[0];
    expect((await db.collection(c).doc(one._id).remove()).deleted).toBe(1);
    expect((await db.collection(c).doc(one._id).remove()).deleted).toBe(0);
  });

  test('where().updateAndReturn() updates the first match and returns it; numeric _id works', async () => {
    const c = await fresh();
    await db.collection(c).add([
      { _id: 1, k: 'a', v: 1 },
      { _id: 2, k: 'a', v: 1 },
    ]);
    const res = await db
      .collection(c)
      .where({ k: 'a' })
      .updateAndReturn({ v: _.inc(1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toEqual({ _id: 1, k: 'a', v: 2 });
    expect((await db.collection(c).doc(2).get()).data).toEqual([{ _id: 2, k: 'a', v: 1 }]);
    expect((await db.collection(c).doc('2').get()).data).toEqual([]);
  });

  test('updating _id or using an unknown update operator fails and changes nothing', async () => {
    const c = await fresh();
    const { id } = await db.collection(c).add({ a: 1 });
    const unknown = await raw({
      action: 'database.modifyDocument',
      collectionName: c,
      queryType: 'DOC',
      query: JSON.stringify({ _id: id }),
      data: JSON.stringify({ $set: { a: 2 }, $foo: { a: 1 } }),
      multi: false,
      merge: true,
      upsert: false,
    });
    expect(unknown.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(unknown.message)).toContain('$foo');
    const renameId = await raw({
      action: 'database.modifyDocument',
      collectionName: c,
      queryType: 'WHERE',
      query: '{}',
      data: JSON.stringify({ $rename: { a: '_id' } }),
      multi: true,
      merge: true,
    });
    expect(renameId.code).toBe('INVALID_PARAM');
    const conflictPaths = await raw({
      action: 'database.modifyDocument',
      collectionName: c,
      queryType: 'WHERE',
      query: '{}',
      data: JSON.stringify({ $set: { a: 1 }, $inc: { a: 1 } }),
      multi: true,
      merge: true,
    });
    expect(conflictPaths.code).toBe('INVALID_PARAM');
    expect((await db.collection(c).doc(id).get()).data[0]).toEqual({ _id: id, a: 1 });
  });

  test('$inc on a non-number and $push on a non-array fail like MongoDB; a multi update is all or nothing', async () => {
    const c = await fresh();
    await db.collection(c).add([
      { g: 1, n: 1, s: 'x' },
      { g: 1, n: 'one', s: ['x'] },
    ]);
    expect(
      (
        await errorOf(
          db
            .collection(c)
            .where({ g: 1 })
            .update({ n: _.inc(1) }),
        )
      ).code,
    ).toBe('DATABASE_REQUEST_FAILED');
    expect(
      (
        await errorOf(
          db
            .collection(c)
            .where({ g: 1 })
            .update({ s: _.push('y') }),
        )
      ).code,
    ).toBe('DATABASE_REQUEST_FAILED');
    const docs = (await db.collection(c).get()).data.map(({ n, s }: { n: unknown; s: unknown }) => ({ n, s }));
    expect(docs).toEqual([
      { n: 1, s: 'x' },
      { n: 'one', s: ['x'] },
    ]);
  });
});

describe('count and aggregate', () => {
  let people: string;
  let schools: string;
  beforeAll(async () => {
    people = await fresh('people');
    schools = await fresh('schools');
    await db.collection(schools).add([
      { _id: 's1', name: '一小' },
      { _id: 's2', name: '二小' },
    ]);
    await db.collection(people).add([
      { name: 'a', school: 's1', age: 9, tags: ['x', 'y'] },
      { name: 'b', school: 's1', age: 11, tags: ['y'] },
      { name: 'c', school: 's2', age: 10, tags: [] },
      { name: 'd', school: 's3', age: 12, tags: ['x'] },
    ]);
  });

  test('count with and without a filter', async () => {
    expect((await db.collection(people).count()).total).toBe(4);
    expect(
      (
        await db
          .collection(people)
          .where({ age: _.gte(10) })
          .count()
      ).total,
    ).toBe(3);
    expect(
      (
        await db
          .collection(people)
          .where(_.or([{ school: 's1' }, { age: 12 }]))
          .count()
      ).total,
    ).toBe(3);
  });

  test('$match $group $sort $skip $limit $project $count $addFields', async () => {
    const $ = db.command.aggregate;
    const grouped = await db
      .collection(people)
      .aggregate()
      .match({ age: _.gte(10) })
      .group({ _id: '$school', total: $.sum(1), avgAge: $.avg('$age') })
      .sort({ _id: 1 })
      .end();
    expect(grouped.data).toEqual([
      { _id: 's1', total: 1, avgAge: 11 },
      { _id: 's2', total: 1, avgAge: 10 },
      { _id: 's3', total: 1, avgAge: 12 },
    ]);
    const paged = await db
      .collection(people)
      .aggregate()
      .sort({ age: -1 })
      .skip(1)
      .limit(2)
      .addFields({ older: $.gt(['$age', 10]) })
      .project({ _id: 0, name: 1, older: 1 })
      .end();
    expect(paged.data).toEqual([
      { name: 'b', older: true },
      { name: 'c', older: false },
    ]);
    const counted = await db.collection(people).aggregate().match({ school: 's1' }).count('n').end();
    expect(counted.data).toEqual([{ n: 2 }]);
  });

  test('$lookup reads the other collection; $unwind', async () => {
    const joined = await db
      .collection(people)
      .aggregate()
      .lookup({ from: schools, localField: 'school', foreignField: '_id', as: 'schoolDoc' })
      .unwind({ path: '$schoolDoc', preserveNullAndEmptyArrays: true })
      .project({ _id: 0, name: 1, 'schoolDoc.name': 1 })
      .sort({ name: 1 })
      .end();
    expect(joined.data).toEqual([
      { name: 'a', schoolDoc: { name: '一小' } },
      { name: 'b', schoolDoc: { name: '一小' } },
      { name: 'c', schoolDoc: { name: '二小' } },
      { name: 'd' },
    ]);
    const tags = await db
      .collection(people)
      .aggregate()
      .unwind('$tags')
      .group({ _id: '$tags', c: db.command.aggregate.sum(1) })
      .sort({ _id: 1 })
      .end();
    expect(tags.data).toEqual([
      { _id: 'x', c: 2 },
      { _id: 'y', c: 2 },
    ]);
  });

  test('aggregate keeps Dates as Dates', async () => {
    const c = await fresh();
    const at = new Date('2024-05-01T00:00:00Z');
    await db.collection(c).add([{ at }, { at: new Date('2024-06-01T00:00:00Z') }]);
    const res = await db
      .collection(c)
      .aggregate()
      .group({ _id: null, first: db.command.aggregate.min('$at') })
      .end();
    expect(res.data[0].first).toEqual(at);
    expect(res.data[0].first).toBeInstanceOf(Date);
  });

  test('an unknown stage fails with a clear message', async () => {
    const reply = await raw({
      action: 'database.aggregateDocuments',
      collectionName: people,
      stages: [{ stageKey: '$foo', stageValue: '{}' }],
    });
    expect(reply.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(reply.message)).toContain('$foo');
  });
});

describe('transactions', () => {
  test('runTransaction: reads see own writes; commit applies all; doc().get() inside resolves to an object', async () => {
    const c = await fresh('tx');
    await db.collection(c).add({ _id: 'acct', balance: 100 });
    const result = await db.runTransaction(async (tx: Any) => {
      const before = await tx.collection(c).doc('acct').get();
      expect(before.data).toEqual({ _id: 'acct', balance: 100 });
      await tx
        .collection(c)
        .doc('acct')
        .update({ balance: _.inc(-30) });
      const added = await tx.collection(c).add({ kind: 'log', amount: 30 });
      const mid = await tx.collection(c).doc('acct').get();
      expect(mid.data.balance).toBe(70);
      const listed = await tx.collection(c).where({ kind: 'log' }).get();
      expect(listed.data).toHaveLength(1);
      // not visible outside before commit
      expect((await db.collection(c).doc('acct').get()).data[0].balance).toBe(100);
      expect((await db.collection(c).where({ kind: 'log' }).get()).data).toHaveLength(0);
      return added.id;
    });
    expect(result).toMatch(/^[0-9a-f]{32}$/);
    expect((await db.collection(c).doc('acct').get()).data[0].balance).toBe(70);
    expect((await db.collection(c).doc(result).get()).data[0]).toEqual({ _id: result, kind: 'log', amount: 30 });
    const none = await db.runTransaction(async (tx: Any) => (await tx.collection(c).doc('nobody').get()).data);
    expect(none).toBeNull();
  });

  test('startTransaction / rollback discards every write; set and remove inside a transaction', async () => {
    const c = await fresh('tx');
    await db.collection(c).add([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 2 },
    ]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('a').set({ v: 10 });
    await tx.collection(c).doc('b').remove();
    await tx.collection(c).doc('z').set({ v: 26 });
    expect((await tx.collection(c).doc('b').get()).data).toBeNull();
    await tx.rollback();
    expect((await db.collection(c).orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 2 },
    ]);
    const tx2 = await db.startTransaction();
    await tx2.collection(c).doc('a').set({ v: 10 });
    await tx2.collection(c).doc('b').remove();
    await tx2.collection(c).doc('z').set({ v: 26 });
    await tx2.commit();
    expect((await db.collection(c).orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'a', v: 10 },
      { _id: 'z', v: 26 },
    ]);
    const again = await errorOf(tx2.commit());
    expect(again.code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  test('two open transactions writing the same document: the second writer gets DATABASE_TRANSACTION_CONFLICT', async () => {
    const c = await fresh('tx');
    await db.collection(c).add({ _id: 'k', v: 0 });
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1
      .collection(c)
      .doc('k')
      .update({ v: _.inc(1) });
    const err = await errorOf(
      t2
        .collection(c)
        .doc('k')
        .update({ v: _.inc(1) }),
    );
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    await t2.rollback();
    await t1.commit();
    expect((await db.collection(c).doc('k').get()).data[0].v).toBe(1);
  });

  test('a transaction whose read-only document changed since its snapshot still commits (only writes collide)', async () => {
    const c = await fresh('tx');
    await db.collection(c).add({ _id: 'k', v: 0 });
    const t1 = await db.startTransaction();
    await t1.collection(c).doc('k').get();
    await t1.collection(c).add({ _id: 'other', v: 1 });
    await db.collection(c).doc('k').update({ v: 5 }); // a plain write outside the transaction
    await t1.commit();
    expect((await db.collection(c).doc('other').get()).data).toEqual([{ _id: 'other', v: 1 }]);
    expect((await db.collection(c).doc('k').get()).data).toEqual([{ _id: 'k', v: 5 }]);
  });

  test('concurrent runTransaction increments all land thanks to the conflict retry', async () => {
    const c = await fresh('tx');
    await db.collection(c).add({ _id: 'counter', v: 0 });
    const inc = () =>
      db.runTransaction(async (tx: Any) => {
        const cur = (await tx.collection(c).doc('counter').get()).data;
        await tx
          .collection(c)
          .doc('counter')
          .update({ v: cur.v + 1 });
      });
    await Promise.all([inc(), inc(), inc()]);
    expect((await db.collection(c).doc('counter').get()).data[0].v).toBe(3);
  });

  test('unknown transactionId is a clear error', async () => {
    const c = await fresh('tx');
    const reply = await raw({ action: 'database.commitTransaction', transactionId: 'nope' });
    expect(reply.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(String(reply.message)).toMatch(/^\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server/);
    const write = await raw({
      action: 'database.insertDocument',
      collectionName: c,
      transactionId: 'nope',
      data: [JSON.stringify({ a: 1 })],
    });
    expect(write.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect((await db.collection(c).count()).total).toBe(0);
  });
});

describe('bad requests answer an error and change nothing', () => {
  let c: string;
  beforeAll(async () => {
    c = await fresh('bad');
    await db.collection(c).add({ _id: 'only', a: 1 });
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ['unknown action', { action: 'database.dropEverything', collectionName: 'x' }, 'INVALID_ACTION'],
    ['missing collectionName', { action: 'database.getDocument', queryType: 'WHERE', collectionName: undefined }, 'INVALID_PARAM'],
    ['malformed EJSON query', { action: 'database.getDocument', query: '{"a":', queryType: 'WHERE' }, 'INVALID_PARAM'],
    ['bad EJSON wrapper', { action: 'database.getDocument', query: '{"a":{"$date":"not a date"}}' }, 'INVALID_PARAM'],
    ['unknown query operator', { action: 'database.getDocument', query: '{"a":{"$foo":1}}' }, 'DATABASE_REQUEST_FAILED'],
    ['unknown top-level operator', { action: 'database.calculateDocument', query: '{"$foo":[]}' }, 'DATABASE_REQUEST_FAILED'],
    ['limit not a number', { action: 'database.getDocument', query: '{}', limit: 'ten' }, 'INVALID_PARAM'],
    ['negative offset', { action: 'database.getDocument', query: '{}', offset: -1 }, 'INVALID_PARAM'],
    ['bad order direction', { action: 'database.getDocument', query: '{}', order: '{"a":"up"}' }, 'INVALID_PARAM'],
    ['mixed projection', { action: 'database.getDocument', query: '{}', projection: '{"a":1,"b":0}' }, 'INVALID_PARAM'],
    ['DOC without _id', { action: 'database.removeDocument', queryType: 'DOC', query: '{"a":1}' }, 'INVALID_PARAM'],
    ['insert without data', { action: 'database.insertDocument' }, 'INVALID_PARAM'],
    ['insert non-object', { action: 'database.insertDocument', data: ['[1,2]'] }, 'INVALID_PARAM'],
    ['insert $ field', { action: 'database.insertDocument', data: ['{"$bad":1}'] }, 'INVALID_PARAM'],
    [
      'update with unknown operator',
      { action: 'database.modifyDocument', query: '{}', multi: true, merge: true, data: '{"$foo":{"a":1}}' },
      'DATABASE_REQUEST_FAILED',
    ],
    [
      'replace with operators',
      { action: 'database.modifyDocument', queryType: 'DOC', query: '{"_id":"only"}', merge: false, data: '{"$set":{"a":2}}' },
      'INVALID_PARAM',
    ],
    [
      'mixed operators and fields',
      { action: 'database.modifyDocument', query: '{}', multi: true, merge: true, data: '{"$set":{"a":2},"b":1}' },
      'INVALID_PARAM',
    ],
    ['$inc with a string', { action: 'database.modifyDocument', query: '{}', multi: true, merge: true, data: '{"$inc":{"a":"1"}}' }, 'INVALID_PARAM'],
    ['stages not an array', { action: 'database.aggregateDocuments', stages: 'x' }, 'INVALID_PARAM'],
  ];

  test.each(cases)('%s', async (_name, body, code) => {
    const reply = await raw({ collectionName: c, ...body });
    expect(reply.code).toBe(code);
    expect(typeof reply.message).toBe('string');
    expect(String(reply.message).length).toBeGreaterThan(5);
    expect(typeof reply.requestId).toBe('string');
    expect((await db.collection(c).get()).data).toEqual([{ _id: 'only', a: 1 }]);
  });

  test('missing collectionName really missing', async () => {
    const reply = await raw({ action: 'database.insertDocument', data: ['{"a":1}'] });
    expect(reply.code).toBe('INVALID_PARAM');
    expect(String(reply.message)).toContain('collectionName');
  });

  test('malformed JSON bodies are answered by the server and the service keeps serving', async () => {
    const res = await fetch(`${emu.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":' });
    const body = (await res.json()) as { code: string };
    expect(body.code).toBeTruthy();
    const arr = await raw('[1,2,3]');
    expect(arr.code).toBeTruthy();
    expect((await db.collection(c).get()).data).toEqual([{ _id: 'only', a: 1 }]);
  });

  test('the SDK surfaces error replies as thrown errors with the code', async () => {
    const err = await errorOf(
      db
        .collection(c)
        .options({ raw: true })
        .where({ a: { $foo: 1 } })
        .get(),
    );
    expect(err.code).toBe('DATABASE_REQUEST_FAILED');
    expect(err.message).toContain('$foo');
  });
});
