/** The morning trigger removes expired temporary pieces of uploads and exports, and keeps what is still in use. */
import { startEmulator, type TestEmulator } from '../helpers/emulator';

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

test('expired import/export pieces and abandoned uploads go; live ones and committed batches stay', async () => {
  const db = env.app.database();
  const morning = new Date('2027-03-02T23:30:00Z'); // 07:30 Beijing
  const before = new Date(morning.getTime() - 3600000);
  const after = new Date(morning.getTime() + 3600000);
  await db.collection('importChunks').add([
    { _id: 'old-1', batchId: 'b-old', seq: 0, data: '林小禾,女', expiresAt: before },
    { _id: 'new-1', batchId: 'b-new', seq: 0, data: '周子墨,男', expiresAt: after },
  ]);
  await db.collection('exportChunks').add([
    { _id: 'e-old-1', exportId: 'e-old', seq: 1, data: 'x', expiresAt: before },
    { _id: 'e-new-1', exportId: 'e-new', seq: 1, data: 'y', expiresAt: after },
  ]);
  await db.collection('importBatches').add([
    { _id: 'b-old', schoolId: 'demo-school', status: 'uploading', expiresAt: before, createdAt: before },
    { _id: 'b-done', schoolId: 'demo-school', status: 'committed', expiresAt: before, createdAt: before },
    { _id: 'b-new', schoolId: 'demo-school', status: 'uploading', expiresAt: after, createdAt: before },
  ]);

  const fired = await env.emulator.timers.fire('scheduler', 'morning', morning);
  expect(fired.result).toMatchObject({ ok: true, data: { removed: { importChunks: 1, exportChunks: 1, importBatches: 1 } } });
  const ids = async (c: string) => ((await db.collection(c).get()).data as { _id: string }[]).map((d) => d._id).sort();
  expect(await ids('importChunks')).toEqual(['new-1']);
  expect(await ids('exportChunks')).toEqual(['e-new-1']);
  expect(await ids('importBatches')).toEqual(['b-done', 'b-new']);
});

test('the morning removes upload slots nobody used and slots of posts that are gone, page by page; a live post keeps its photos', async () => {
  const db = env.app.database();
  const morning = new Date('2027-03-03T23:30:00Z');
  const before = new Date(morning.getTime() - 3600000);
  const after = new Date(morning.getTime() + 3600000);
  const slot = (id: string, postId: string | null, expiresAt: Date) => ({
    _id: id,
    path: `growth/${id}.jpg`,
    fileID: `cloud://care-room-local.care-room-local-1300000000/growth/${id}.jpg`,
    ext: 'jpg',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: null,
    createdBy: 'demo-teacher',
    createdAt: before,
    expiresAt,
    postId,
  });
  await db.collection('growthPosts').add({ _id: 'sweep-live-post', schoolId: 'demo-school', classId: 'demo-class-3-1', createdAt: before });
  await db
    .collection('growthUploads')
    .add([
      slot('sweep-unused', null, before),
      slot('sweep-open', null, after),
      slot('sweep-gone-post', 'sweep-no-such-post', before),
      slot('sweep-live', 'sweep-live-post', before),
    ]);
  const fired = await env.emulator.timers.fire('scheduler', 'morning', morning);
  expect(fired.result).toMatchObject({ ok: true, data: { growthUploads: 2 } });
  const left = (
    (
      await db
        .collection('growthUploads')
        .where({ _id: db.command.in(['sweep-unused', 'sweep-open', 'sweep-gone-post', 'sweep-live']) })
        .get()
    ).data as { _id: string }[]
  )
    .map((d) => d._id)
    .sort();
  expect(left).toEqual(['sweep-live', 'sweep-open']);
});
