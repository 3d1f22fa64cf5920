/**
 * Where the emulator once differed from CloudBase (the cloud's own SDK tests and MongoDB's documented semantics
 * say how the cloud behaves): each test states the cloud's behaviour, through the real @cloudbase/node-sdk.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { adminPost } from './admin';

jest.setTimeout(60_000);

/** The SDK's database objects are untyped (`any`) in @cloudbase/node-sdk's typings. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

let emu: TestEmulator;
let db: Any;
let _: Any;
let $: Any;
let n = 0;

async function fresh(docs: Record<string, unknown>[] = []): Promise<string> {
  const name = `fid_${++n}`;
  await db.createCollection(name);
  if (docs.length) await db.collection(name).add(docs);
  return name;
}

const ids = async (c: string, where: unknown): Promise<string[]> => (await db.collection(c).where(where).get()).data.map((d: { _id: string }) => d._id);
const all = async (c: string) => (await db.collection(c).orderBy('_id', 'asc').get()).data;

beforeAll(async () => {
  emu = await startEmulator();
  db = emu.app.database();
  _ = db.command;
  $ = db.command.aggregate;
});
afterAll(() => emu.stop());

describe('updates without a query', () => {
  test('collection.update() with no where() is refused with INVALID_PARAM and changes nothing', async () => {
    const c = await fresh([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 2 },
    ]);
    await expect(db.collection(c).update({ v: 0 })).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    expect(await all(c)).toEqual([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 2 },
    ]);
    // An explicit condition, even an empty one, is the caller's decision.
    expect((await db.collection(c).where({}).update({ v: 0 })).updated).toBe(2);
  });
});

describe('$elemMatch looks only at sub-documents when given field conditions', () => {
  let c: string;
  beforeAll(async () => {
    c = await fresh([
      { _id: 'numbers', marks: [1, 2, 3] },
      { _id: 'docs', marks: [{ score: 3 }, { score: 8 }] },
      { _id: 'mixed', marks: [5, { note: 'absent' }] },
      { _id: 'empty', marks: [] },
    ]);
  });

  test('a field condition never matches an array of plain values', async () => {
    expect(await ids(c, { marks: _.elemMatch({ score: _.gt(0) }) })).toEqual(['docs']);
    expect(await ids(c, { marks: _.elemMatch({ score: 3 }) })).toEqual(['docs']);
  });

  test('exists and mod inside the sub-documents do not match plain values either', async () => {
    expect(await ids(c, { marks: _.elemMatch({ score: _.exists(true) }) })).toEqual(['docs']);
    expect(await ids(c, { marks: _.elemMatch({ score: _.exists(false) }) })).toEqual(['mixed']);
    expect(await ids(c, { marks: _.elemMatch({ score: _.mod([2, 1]) }) })).toEqual(['docs']);
  });

  test('operator conditions still look at the values themselves', async () => {
    expect(await ids(c, { marks: _.elemMatch(_.gt(2)) })).toEqual(['numbers', 'mixed']);
  });
});

describe('$all with $elemMatch entries follows $elemMatch', () => {
  // The SDK sends commands nested inside _.all() unserialised (the cloud would get them as literal objects), so the
  // entries here hold plain field values.
  test('each entry needs its own element; field conditions never match plain values', async () => {
    const c = await fresh([
      { _id: 'numbers', marks: [1, 2, 3] },
      { _id: 'both', marks: [{ score: 3 }, { score: 8, kind: 'exam' }] },
      { _id: 'one', marks: [{ score: 3 }] },
    ]);
    expect(await ids(c, { marks: _.all([_.elemMatch({ score: 3 }), _.elemMatch({ kind: 'exam' })]) })).toEqual(['both']);
    expect(await ids(c, { marks: _.all([_.elemMatch({ score: 3 })]) })).toEqual(['both', 'one']);
    expect(await ids(c, { marks: _.all([_.elemMatch({ score: 2 })]) })).toEqual([]);
    expect(await ids(c, { marks: _.all([2, 3]) })).toEqual(['numbers']);
    expect(await ids(c, { marks: _.all([]) })).toEqual([]);
  });
});

describe('count() agrees with get() on array fields', () => {
  test('equality on a field that holds arrays in some documents', async () => {
    const c = await fresh([
      { _id: '1', tags: ['odd', 'a'] },
      { _id: '2', tags: ['even'] },
      { _id: '3', tags: 'odd' },
      { _id: '4', tags: ['x'] },
    ]);
    for (const where of [{ tags: 'odd' }, { tags: 'zzz' }, { tags: _.in(['even', 'x']) }, { tags: _.eq('a') }]) {
      const got = (await db.collection(c).where(where).get()).data.length;
      expect({ where, count: (await db.collection(c).where(where).count()).total }).toEqual({ where, count: got });
    }
    expect((await db.collection(c).where({ tags: 'odd' }).count()).total).toBe(2);
  });
});

describe('updated counts the documents matched, changed or not', () => {
  test('doc().set() with the same data, doc().update() with the same value, updateAndReturn with the same value', async () => {
    const c = await fresh([{ _id: 'k', a: 1, o: { x: 1 } }]);
    expect(
      (
        await db
          .collection(c)
          .doc('k')
          .set({ a: 1, o: { x: 1 } })
      ).updated,
    ).toBe(1);
    expect((await db.collection(c).doc('k').update({ a: 1 })).updated).toBe(1);
    const returned = await db.collection(c).where({ a: 1 }).updateAndReturn({ a: 1 });
    expect(returned).toMatchObject({ updated: 1, doc: { _id: 'k', a: 1, o: { x: 1 } } });
    expect((await db.collection(c).doc('nobody').update({ a: 1 })).updated).toBe(0);
  });

  test('a multi update counts every match, also those already holding the value', async () => {
    const c = await fresh([
      { g: 1, v: 0 },
      { g: 1, v: 5 },
      { g: 2, v: 0 },
    ]);
    expect((await db.collection(c).where({ g: 1 }).update({ v: 5 })).updated).toBe(2);
  });

  test('inside a transaction too', async () => {
    const c = await fresh([{ _id: 'k', a: 1 }]);
    const updated = await db.runTransaction(async (tx: Any) => (await tx.collection(c).doc('k').update({ a: 1 })).updated);
    expect(updated).toBe(1);
  });
});

describe('ObjectId values', () => {
  const hex = '65f1c0ffee0000000000abcd';

  test('a non-_id ObjectId field comes back as its hex string and still matches an ObjectId query', async () => {
    const c = await fresh();
    await db.collection(c).add({ _id: 'r', owner: db.ObjectId({ id: hex }), nested: { refs: [db.ObjectId({ id: hex })] } });
    const [doc] = (await db.collection(c).doc('r').get()).data;
    expect(doc).toEqual({ _id: 'r', owner: hex, nested: { refs: [hex] } });
    expect(await ids(c, { owner: db.ObjectId({ id: hex }) })).toEqual(['r']);
    const aggregated = await db.collection(c).aggregate().project({ _id: 0, owner: 1 }).end();
    expect(aggregated.data).toEqual([{ owner: hex }]);
  });

  test('an ObjectId _id is answered as the hex string on insert', async () => {
    const c = await fresh();
    expect((await db.collection(c).add({ _id: db.ObjectId({ id: hex }), v: 1 })).id).toBe(hex);
  });
});

describe('transactions read a snapshot and conflict only when writes collide', () => {
  test('reads come from the snapshot of the first operation, whatever commits after it', async () => {
    const c = await fresh([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1 },
    ]);
    const tx = await db.startTransaction();
    expect((await tx.collection(c).doc('a').get()).data).toEqual({ _id: 'a', v: 1 });
    await db.collection(c).doc('a').update({ v: 2 });
    await db.collection(c).doc('b').update({ v: 2 });
    await db.collection(c).add({ _id: 'c', v: 2 });
    await db.collection(c).doc('a').update({ v: 3 });
    expect((await tx.collection(c).doc('a').get()).data).toEqual({ _id: 'a', v: 1 });
    expect((await tx.collection(c).doc('b').get()).data).toEqual({ _id: 'b', v: 1 });
    expect((await tx.collection(c).doc('c').get()).data).toBeNull();
    expect(
      (
        await tx
          .collection(c)
          .where({ v: _.gte(1) })
          .get()
      ).data,
    ).toEqual([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1 },
    ]);
    await tx.commit();
  });

  test('a write committed before the first operation is in the snapshot', async () => {
    const c = await fresh([{ _id: 'a', v: 1 }]);
    const tx = await db.startTransaction();
    await db.collection(c).doc('a').update({ v: 2 });
    expect((await tx.collection(c).doc('a').get()).data).toEqual({ _id: 'a', v: 2 });
    await tx.commit();
  });

  test('a document the transaction only read, changed by a plain write, does not abort the commit', async () => {
    const c = await fresh([
      { _id: 'read', v: 1 },
      { _id: 'written', v: 1 },
    ]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('read').get();
    await tx.collection(c).doc('written').update({ v: 10 });
    await db.collection(c).doc('read').update({ v: 2 });
    await tx.commit();
    expect(await all(c)).toEqual([
      { _id: 'read', v: 2 },
      { _id: 'written', v: 10 },
    ]);
  });

  test('writing a document changed since the snapshot conflicts at once, with the cloud message', async () => {
    const c = await fresh([{ _id: 'k', v: 1 }]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('k').get();
    await db.collection(c).doc('k').update({ v: 2 });
    await expect(tx.collection(c).doc('k').update({ v: 3 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: expect.stringContaining('[ResourceUnavailable.TransactionConflict] Transaction is conflict'),
    });
    await tx.rollback().catch(() => undefined);
    expect(await all(c)).toEqual([{ _id: 'k', v: 2 }]);
  });

  test('a plain write to a document the transaction wrote, before the commit, makes the commit conflict', async () => {
    const c = await fresh([{ _id: 'k', v: 1 }]);
    const tx = await db.startTransaction();
    await tx.collection(c).doc('k').update({ v: 10 });
    await db.collection(c).doc('k').update({ v: 2 });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await all(c)).toEqual([{ _id: 'k', v: 2 }]);
  });

  test('where().updateAndReturn() takes part in the transaction', async () => {
    const c = await fresh([
      { _id: 'a', kind: 'web', n: 1 },
      { _id: 'b', kind: 'web', n: 1 },
    ]);
    const tx = await db.startTransaction();
    const res = await tx
      .collection(c)
      .where({ kind: 'web' })
      .updateAndReturn({ n: _.inc(1) });
    expect(res).toMatchObject({ updated: 1, doc: { _id: 'a', kind: 'web', n: 2 } });
    expect((await tx.collection(c).doc('a').get()).data).toEqual({ _id: 'a', kind: 'web', n: 2 });
    expect(await all(c)).toEqual([
      { _id: 'a', kind: 'web', n: 1 },
      { _id: 'b', kind: 'web', n: 1 },
    ]);
    const none = await tx.collection(c).where({ kind: 'app' }).updateAndReturn({ n: 0 });
    expect(none).toMatchObject({ updated: 0, doc: null });
    await tx.commit();
    expect(await all(c)).toEqual([
      { _id: 'a', kind: 'web', n: 2 },
      { _id: 'b', kind: 'web', n: 1 },
    ]);
  });

  test('an ended transaction answers the cloud message', async () => {
    const c = await fresh([{ _id: 'k', v: 1 }]);
    const tx = await db.startTransaction();
    await tx.commit();
    await expect(tx.collection(c).doc('k').set({ v: 2 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringMatching(/^\[ResourceUnavailable\.TransactionNotExist\] Transaction does not exist on the server/),
    });
    expect(await all(c)).toEqual([{ _id: 'k', v: 1 }]);
  });
});

describe('inside a transaction only single-record operations', () => {
  // CloudBase: "事务操作时为保障效率和并发性，只允许进行单记录操作，不允许进行批量操作，但可以在一个事务中对多个记录进行操作".
  test('add() of several documents is refused with INVALID_PARAM, and the transaction stays usable', async () => {
    const c = await fresh();
    const tx = await db.startTransaction();
    await expect(tx.collection(c).add([{ _id: 'a' }, { _id: 'b' }])).rejects.toMatchObject({
      code: 'INVALID_PARAM',
      message: expect.stringContaining('事务中不支持批量插入'),
    });
    // one document per request, several requests in one transaction: fine, in parallel too
    await Promise.all(['a', 'b', 'c'].map((id) => tx.collection(c).add({ _id: id })));
    expect((await tx.collection(c).add([{ _id: 'd' }])).ids).toEqual(['d']);
    await tx.commit();
    expect((await all(c)).map((d: { _id: string }) => d._id)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('where().update(), where().remove() and count() sent with a transaction id are refused and change nothing', async () => {
    const c = await fresh([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1 },
    ]);
    const tx = await db.startTransaction();
    const transactionId = tx.getTransactionId();
    const send = async (body: Record<string, unknown>) => (await adminPost(emu.url, { collectionName: c, transactionId, ...body })).body;
    const query = JSON.stringify({ v: 1 });
    expect(await send({ action: 'database.modifyDocument', queryType: 'WHERE', query, data: JSON.stringify({ $set: { v: 2 } }), multi: true })).toMatchObject({
      code: 'INVALID_PARAM',
    });
    expect(await send({ action: 'database.removeDocument', queryType: 'WHERE', query, multi: true })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await send({ action: 'database.calculateDocument', queryType: 'WHERE', query })).toMatchObject({
      code: 'INVALID_PARAM',
      message: expect.stringContaining('count'),
    });
    await tx.commit();
    expect(await all(c)).toEqual([
      { _id: 'a', v: 1 },
      { _id: 'b', v: 1 },
    ]);
  });

  test('the SDK itself sends where().update() and count() of a transaction without its id: they run outside it, at once', async () => {
    const c = await fresh([{ _id: 'a', v: 1 }]);
    const tx = await db.startTransaction();
    expect((await tx.collection(c).where({ v: 1 }).update({ v: 2 })).updated).toBe(1);
    await tx.rollback();
    // the rollback cannot undo it: such a write was never part of the transaction (our code never issues one there)
    expect(await all(c)).toEqual([{ _id: 'a', v: 2 }]);
  });
});

test('an aggregation without a $limit stage answers 20 results, as the cloud does; a $limit stage lifts it', async () => {
  const c = await fresh(Array.from({ length: 30 }, (_, i) => ({ _id: `a${String(i).padStart(2, '0')}`, group: i })));
  const all = await db
    .collection(c)
    .aggregate()
    .group({ _id: '$group', n: $.sum(1) })
    .end();
  expect(all.data).toHaveLength(20);
  const lifted = await db
    .collection(c)
    .aggregate()
    .group({ _id: '$group', n: $.sum(1) })
    .limit(1000)
    .end();
  expect(lifted.data).toHaveLength(30);
  // A $limit anywhere in the pipeline says how many the caller wants.
  const early = await db.collection(c).aggregate().limit(25).project({ group: 1 }).end();
  expect(early.data).toHaveLength(25);
});

describe('aggregation operators as in MongoDB', () => {
  let c: string;
  beforeAll(async () => {
    c = await fresh([
      {
        _id: 'x',
        at: new Date('2019-05-14T10:00:00Z'),
        sunday: new Date('2019-05-12T10:00:00Z'),
        newYear: new Date('2019-01-01T10:00:00Z'),
        s: '关爱室abc',
        d: '2027-03-01',
      },
    ]);
  });
  const project = async (spec: Record<string, unknown>) =>
    (
      await db
        .collection(c)
        .aggregate()
        .project({ _id: 0, ...spec })
        .end()
    ).data[0];

  test('$week: weeks start on Sunday, days before the first Sunday are week 0', async () => {
    expect(await project({ w: $.week('$at'), sun: $.week('$sunday'), first: $.week('$newYear') })).toEqual({ w: 19, sun: 19, first: 0 });
    expect(await project({ w: $.week({ date: '$newYear', timezone: 'Asia/Shanghai' }) })).toEqual({ w: 0 });
  });

  test('$substr and $substrBytes with a negative length take the rest of the string', async () => {
    expect(await project({ day: $.substr(['$d', 8, -1]), monthOn: $.substrBytes(['$d', 5, -1]), year: $.substrBytes(['$d', 0, 4]) })).toEqual({
      day: '01',
      monthOn: '03-01',
      year: '2027',
    });
  });

  test('$indexOfCP counts code points, $indexOfBytes UTF-8 bytes', async () => {
    expect(
      await project({
        cp: $.indexOfCP(['$s', 'a']),
        bytes: $.indexOfBytes(['$s', 'a']),
        missing: $.indexOfCP(['$s', 'z']),
        from: $.indexOfCP(['$s', '室', 1]),
      }),
    ).toEqual({ cp: 3, bytes: 9, missing: -1, from: 2 });
  });
});

describe('geo queries and $geoNear', () => {
  // One degree of latitude on MongoDB's sphere (radius 6378.1 km).
  const DEGREE_M = (Math.PI * 6378100) / 180;
  let c: string;
  beforeAll(async () => {
    const { Point } = db.Geo;
    c = await fresh([
      { _id: 'school', kind: 'school', at: new Point(110, 25) },
      { _id: 'village', kind: 'home', at: new Point(110, 25.5) },
      { _id: 'town', kind: 'home', at: new Point(110, 26) },
      { _id: 'city', kind: 'home', at: new Point(112, 28) },
      { _id: 'nowhere', kind: 'home' },
    ]);
  });

  test('geoNear finds points within a distance, nearest first', async () => {
    const near = (opts: Record<string, unknown>) => ids(c, { at: _.geoNear({ geometry: new db.Geo.Point(110, 25), ...opts }) });
    expect(await near({})).toEqual(['school', 'village', 'town', 'city']);
    expect(await near({ maxDistance: 0.75 * DEGREE_M })).toEqual(['school', 'village']);
    expect(await near({ minDistance: 0.75 * DEGREE_M, maxDistance: 2 * DEGREE_M })).toEqual(['town']);
    const reversed = await db
      .collection(c)
      .where({ at: _.geoNear({ geometry: new db.Geo.Point(112, 28) }) })
      .limit(2)
      .get();
    expect(reversed.data.map((d: { _id: string }) => d._id)).toEqual(['city', 'town']);
  });

  test('geoWithin a polygon or a spherical circle', async () => {
    const { Point, LineString, Polygon } = db.Geo;
    const square = new Polygon([new LineString([new Point(109, 24), new Point(111, 24), new Point(111, 25.7), new Point(109, 25.7), new Point(109, 24)])]);
    expect((await ids(c, { at: _.geoWithin({ geometry: square }) })).sort()).toEqual(['school', 'village']);
    const circle = await ids(c, { at: _.geoWithin({ centerSphere: [new Point(110, 26), (0.6 * DEGREE_M) / 6378100] }) });
    expect(circle.sort()).toEqual(['town', 'village']);
  });

  test('$geoNear adds the distance in metres, applies its query and limit, nearest first', async () => {
    const res = await db
      .collection(c)
      .aggregate()
      .geoNear({
        near: new db.Geo.Point(110, 25),
        distanceField: 'metres',
        spherical: true,
        key: 'at',
        query: { kind: 'home' },
        maxDistance: 2 * DEGREE_M,
      })
      .project({ metres: 1 })
      .end();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['village', 'town']);
    expect(res.data[0].metres).toBeCloseTo(0.5 * DEGREE_M, 3);
    expect(res.data[1].metres).toBeCloseTo(DEGREE_M, 3);
  });

  test('geoIntersects is not emulated: a clear error names it', async () => {
    const { Point, LineString } = db.Geo;
    await expect(ids(c, { at: _.geoIntersects({ geometry: new LineString([new Point(109, 25), new Point(111, 25)]) }) })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining('$geoIntersects'),
    });
  });
});

describe('$jsonSchema queries', () => {
  let c: string;
  beforeAll(async () => {
    c = await fresh([
      { _id: 'ok', name: '林小禾', grade: 3, tags: ['a'], contact: { phone: '13800000000' } },
      { _id: 'noName', grade: 3 },
      { _id: 'badGrade', name: '周子墨', grade: 9 },
      { _id: 'stringGrade', name: '陈一诺', grade: '3' },
      { _id: 'badPhone', name: '吴星辰', grade: 2, contact: { phone: '110' } },
    ]);
  });
  // The SDK passes a MongoDB query through as it is with options({ raw: true }).
  const matched = async (schema: Record<string, unknown>) =>
    (await db.collection(c).options({ raw: true }).where({ $jsonSchema: schema }).get()).data.map((d: { _id: string }) => d._id);

  test('required, bsonType, ranges, patterns and nested properties', async () => {
    const schema = {
      bsonType: 'object',
      required: ['name', 'grade'],
      properties: {
        name: { bsonType: 'string', minLength: 2 },
        grade: { bsonType: 'int', minimum: 1, maximum: 6 },
        tags: { bsonType: 'array', items: { bsonType: 'string' }, maxItems: 5 },
        contact: { bsonType: 'object', properties: { phone: { bsonType: 'string', pattern: '^1\\d{10}$' } } },
      },
    };
    expect(await matched(schema)).toEqual(['ok']);
    expect(await matched({ properties: { grade: { enum: [3, 9] } } })).toEqual(['ok', 'noName', 'badGrade']);
    expect(await matched({ not: { required: ['name'] } })).toEqual(['noName']);
    expect(await matched({ properties: { grade: { type: 'string' } } })).toEqual(['stringGrade']);
  });

  test('keywords MongoDB does not support are refused by name', async () => {
    await expect(matched({ properties: { name: { format: 'email' } } })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining('format'),
    });
  });
});
