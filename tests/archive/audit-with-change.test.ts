/**
 * Every audited write of the archive area commits its audit entry with the change: a function that dies right after
 * its change is durable leaves the change and its audit entry, never the change alone.
 *
 * The api bundle runs here with its database requests going through a proxy to the emulator. The proxy answers
 * requests until the first one that makes a change durable (a transaction's commit, or a write outside one) has been
 * answered; from then on it answers nothing, as if the function's process had been killed at that instant.
 */
import http from 'node:http';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';

let env: TestEmulator;
const db = () => env.app.database();

async function ok<A extends ActionName>(openid: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

const WRITES = new Set(['database.insertDocument', 'database.modifyDocument', 'database.modifyAndReturnDoc', 'database.removeDocument']);

/** A proxy to the emulator's database endpoint that dies once `changes` changes are durable; `died` tells whether it did. */
async function proxyThatDiesAfterAChange(changes = 1): Promise<{ url: string; died: () => boolean; close: () => Promise<void> }> {
  let dead = false;
  let durableSoFar = 0;
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (d: Buffer) => body.push(d));
    req.on('end', () => {
      // Whatever the function sends after its death never reaches the database.
      if (dead) return void res.writeHead(503).end();
      const raw = Buffer.concat(body);
      const { action, transactionId } = JSON.parse(raw.toString('utf8') || '{}') as { action?: string; transactionId?: string };
      const durable = action === 'database.commitTransaction' || (WRITES.has(action ?? '') && !transactionId);
      const upstream = http.request(`${env.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 500, answer.headers);
        answer.pipe(res);
      });
      res.on('finish', () => {
        if (durable && ++durableSoFar >= changes) dead = true;
      });
      upstream.on('error', () => req.socket.destroy());
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    died: () => dead,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

type Main = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

/** Run one api action as `openid`, its database behind a proxy that dies after the first durable change. */
async function runAndDieAfterTheChange(openid: string, action: ActionName, input: unknown, changes = 1): Promise<void> {
  const proxy = await proxyThatDiesAfterAChange(changes);
  // The same bundle the emulator's function host loads (CommonJS, path known at run time).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { main } = require(path.resolve(__dirname, '../../cloudfunctions/api/index.js')) as { main: Main };
  const environment = {
    CARE_ROOM_SERVICE_URL: `${proxy.url}/admin?crash=1&`,
    CARE_ROOM_ENV: 'care-room-local',
    // the keys the function host hands every function, as the cloud does
    TENCENTCLOUD_SECRETID: env.emulator.credentials.secretId,
    TENCENTCLOUD_SECRETKEY: env.emulator.credentials.secretKey,
    TCB_CONTEXT_KEYS: 'CARE_ROOM_SERVICE_URL,CARE_ROOM_ENV,TENCENTCLOUD_SECRETID,TENCENTCLOUD_SECRETKEY',
    WX_OPENID: openid,
    WX_APPID: 'wx-local-appid',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
  };
  // Requests after the death fail, and the router logs them as unexpected: expected here, so kept out of the output.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await main({ action, input }, { request_id: `crash-${action}`, function_name: 'api', environment: JSON.stringify(environment) });
  } finally {
    quiet.mockRestore();
    await proxy.close();
  }
  expect({ action, died: proxy.died() }).toEqual({ action, died: true });
}

const audited = async (action: string, childId: string) => (await db().collection('auditLog').where({ action, childId, kind: 'change' }).count()).total;
const docOf = async (collection: string, id: string) => (await db().collection(collection).doc(id).get()).data[0] as Record<string, unknown> | undefined;

const guardian = (capable: boolean) => ({
  name: '林奶奶',
  relation: '祖母',
  occupation: '务农',
  address: '青山村五组',
  phone: '13900000001',
  health: '高血压',
  age: 66,
  capable,
});
const card = (capable = true): ActionInput<'contactCards.save'> => ({
  childId: 'demo-child-02',
  expectedVersion: 0,
  parents: [{ name: '周大海', relation: '父亲', phone: '13800000011', workCity: '东莞', workUnit: null, workAddress: null, workPhone: null }],
  guardian: guardian(capable),
  emergency: null,
});

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  for (const childId of ['demo-child-02', 'demo-child-03']) {
    await ok(DEMO.teacher, 'consent.record', {
      childId,
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      signerName: '周桂兰',
      signerRelation: '外婆',
    });
  }
}, 60000);
afterAll(() => env.stop());

test('archive.create: the new pupil and its audit entry', async () => {
  await runAndDieAfterTheChange(DEMO.teacher, 'archive.create', {
    classId: 'demo-class-3-1',
    name: '钱小满',
    gender: 'female',
    birthDate: '2017-03-03',
    leftBehindType: 'both_away',
  });
  const created = (await db().collection('children').where({ classId: 'demo-class-3-1', name: '钱小满' }).get()).data as { _id: string }[];
  expect(created).toHaveLength(1);
  expect(await audited('archive.create', created[0]._id)).toBe(1);
});

test('archive.update: the new version and its audit entry', async () => {
  const before = await audited('archive.update', 'demo-child-03');
  const version = ((await docOf('children', 'demo-child-03'))?.archiveVersion as number | undefined) ?? 0;
  await runAndDieAfterTheChange(DEMO.teacher, 'archive.update', {
    childId: 'demo-child-03',
    expectedVersion: version,
    changes: { hobbies: '下棋' },
  });
  expect(await docOf('children', 'demo-child-03')).toMatchObject({ hobbies: '下棋', archiveVersion: version + 1 });
  expect(await audited('archive.update', 'demo-child-03')).toBe(before + 1);
});

test('contactCards.save and contactCards.confirm: the card and its audit entry', async () => {
  await runAndDieAfterTheChange(DEMO.teacher, 'contactCards.save', card());
  expect(await docOf('contactCards', 'demo-child-02')).toMatchObject({ version: 1 });
  expect(await audited('contactCards.save', 'demo-child-02')).toBe(1);

  await runAndDieAfterTheChange(DEMO.teacher, 'contactCards.confirm', { childId: 'demo-child-02', expectedVersion: 1 });
  expect((await docOf('contactCards', 'demo-child-02'))?.confirmedBy).toBe(DEMO.teacher);
  expect(await audited('contactCards.confirm', 'demo-child-02')).toBe(1);
});

test('care.pair and care.end: the pairing and its audit entries', async () => {
  await runAndDieAfterTheChange(DEMO.teacher, 'care.pair', {
    childId: 'demo-child-02',
    kind: 'proxy',
    proxyKind: 'caring_mother',
    name: '钱阿姨',
    phone: '13600000016',
  });
  const pairings = (await db().collection('pairings').where({ childId: 'demo-child-02', personName: '钱阿姨' }).get()).data as {
    _id: string;
  }[];
  expect(pairings).toHaveLength(1);
  expect(await audited('care.pair', 'demo-child-02')).toBe(1);

  await runAndDieAfterTheChange(DEMO.teacher, 'care.end', { pairingId: pairings[0]._id });
  expect((await docOf('pairings', pairings[0]._id))?.endedAt).toBeInstanceOf(Date);
  expect(await audited('care.end', 'demo-child-02')).toBe(1);
});

test('alerts.resolve: the closed alert and its audit entry', async () => {
  const saved = await ok(DEMO.teacher, 'contactCards.save', { ...card(false), expectedVersion: 1 });
  expect(saved.alert).toBe('raised');
  const [alert] = (await db().collection('alerts').where({ childId: 'demo-child-02', resolvedAt: null }).get()).data as { _id: string }[];
  await runAndDieAfterTheChange(DEMO.admin, 'alerts.resolve', { alertId: alert._id, resolution: '已落实委托照护人' });
  expect((await docOf('alerts', alert._id))?.resolution).toBe('已落实委托照护人');
  expect(await audited('alerts.resolve', 'demo-child-02')).toBe(1);
});

test('imports.commit: every imported pupil and its audit entry', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '性别', '出生日期', '留守类型']);
  for (const name of ['孙一', '孙二', '孙三']) ws.addRow([name, '男', '2017-04-04', '父母均外出']);
  const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const { uploadId } = await ok(DEMO.teacher, 'imports.upload', {
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    fileName: '花名册.xlsx',
    seq: 0,
    total: 1,
    data,
  });
  // The commit's first durable change claims the batch; its second writes the rows (with their audit entries).
  await runAndDieAfterTheChange(DEMO.teacher, 'imports.commit', { uploadId }, 2);
  const imported = (await db().collection('children').where({ importBatchId: uploadId }).get()).data as { _id: string }[];
  expect(imported).toHaveLength(3);
  for (const child of imported) expect(await audited('imports.commit', child._id)).toBe(1);
});
