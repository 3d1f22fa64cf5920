/**
 * Importing the roster spreadsheet (preview, all-or-nothing commit, a killed commit) and exporting archives and the
 * registration table, through the emulator.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { makeId } from './helpers';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import { ROWS_PER_TRANSACTION } from '../../cloudfunctions/core/archive/importer';

let env: TestEmulator;
const db = () => env.app.database();
const count = async (collection: string, where: Record<string, unknown> = {}) => (await db().collection(collection).where(where).count()).total;

async function ok<A extends ActionName>(openid: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

const HEADERS = [
  '班级',
  '姓名',
  '性别',
  '出生日期',
  '留守类型',
  '身份证号',
  '家庭住址',
  '父亲姓名',
  '父亲电话',
  '父亲务工城市',
  '母亲姓名',
  '母亲电话',
  '监护人姓名',
  '监护人与儿童关系',
  '监护人年龄',
  '监护人电话',
  '监护人有照护能力',
  '监护人同意书',
  '签字人',
  '签字人关系',
];

/** A sheet as a school keeps it: a title row, then the header, then one pupil per row. */
async function sheet(rows: (string | number | Date | null)[][], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('留守儿童');
  ws.addRow(['青山镇中心小学留守儿童基本情况登记表']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(openid: string, file: Buffer, scope: { schoolId: string; classId?: string }, chunk = 200_000): Promise<string> {
  const b64 = file.toString('base64');
  const parts: string[] = [];
  for (let i = 0; i < b64.length; i += chunk) parts.push(b64.slice(i, i + chunk));
  let uploadId: string | undefined;
  for (let seq = 0; seq < parts.length; seq++) {
    const res = await ok(openid, 'imports.upload', {
      ...scope,
      uploadId,
      fileName: '花名册.xlsx',
      seq,
      total: parts.length,
      data: parts[seq],
    });
    uploadId = res.uploadId;
  }
  return uploadId!;
}

const pad = (n: number) => String(n).padStart(4, '0');
const birth = (i: number) => `2016-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
/** Row i of a big sheet: every other child with a signed consent and a contact card; every 50th without a guardian. */
function bigRow(i: number, className: string): (string | number | null)[] {
  const signed = i % 2 === 0;
  const gender = i % 3 ? '男' : '女';
  const idNumber = signed ? makeId(birth(i), gender === '男' ? 'male' : 'female', '410102', String(i % 100).padStart(2, '0')) : null;
  return [
    className,
    `学生${pad(i)}`,
    gender,
    birth(i),
    '父母均外出',
    idNumber,
    signed ? `青山村${i}号` : null,
    `父亲${pad(i)}`,
    `138${String(i).padStart(8, '0')}`,
    '东莞',
    null,
    null,
    i % 50 === 0 ? null : `祖母${pad(i)}`,
    i % 50 === 0 ? null : '祖母',
    i % 50 === 0 ? null : 65,
    i % 50 === 0 ? null : `139${String(i).padStart(8, '0')}`,
    null,
    signed ? '已签' : '未签',
    signed ? `父亲${pad(i)}` : null,
    signed ? '父亲' : null,
  ];
}

/** A killed commit's open transaction expires after this (CloudBase: 30 s). */
const TRANSACTION_TIMEOUT_MS = 10_000;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true, transactionTimeoutMs: TRANSACTION_TIMEOUT_MS });
  await addOtherSchool(env);
  await db()
    .collection('classes')
    .add(
      Array.from({ length: 4 }, (_, k) => ({
        _id: `big-${k}`,
        schoolId: 'demo-school',
        grade: 6,
        name: `六年级(${k + 1})班`,
        communityId: 'demo-community-hexi',
        archivedAt: null,
      })),
    );
}, 60000);
afterAll(() => env.stop());

describe('preview', () => {
  test('lists every invalid row and why, and writes nothing; the commit refuses while any row is invalid', async () => {
    const before = {
      children: await count('children'),
      consents: await count('consents'),
      cards: await count('contactCards'),
      history: await count('archiveHistory'),
    };
    const file = await sheet([
      [
        '三年级(1)班',
        '王小明',
        '男',
        '2017-04-03',
        '父母均外出',
        makeId('2017-04-03', 'male'),
        '青山村',
        '王大力',
        '13800000001',
        '东莞',
        null,
        null,
        '王奶奶',
        '祖母',
        66,
        '13900000001',
        '是',
        '已签',
        '王大力',
        '父亲',
      ],
      [
        '三年级(1)班',
        '李小红',
        '女',
        '2017/5/6',
        '父母均外出',
        null,
        '青山村七组',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '未签',
        null,
        null,
      ],
      ['三年级(1)班', '', '男', '2017-04-03', '父母均外出', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['三年级(1)班', '张三', '男', '2017-02-30', '父母均外出', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      [
        '三年级(1)班',
        '赵四',
        '男',
        '2017-04-03',
        '父母均外出',
        '410102201704031232',
        null,
        null,
        null,
        null,
        null,
        null,
        '赵奶奶',
        '祖母',
        60,
        '1390000',
        null,
        '已签',
        '赵大',
        '父亲',
      ],
      ['三年级(2)班', '钱五', '女', '2017-04-03', '父母均外出', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['三年级(1)班', '林小禾', '女', '2017-09-12', '父母均外出', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
      ['三年级(1)班', '王小明', '男', '2017-04-03', '非留守', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
    ]);
    const uploadId = await upload(DEMO.teacher, file, { schoolId: 'demo-school', classId: 'demo-class-3-1' });
    const preview = await ok(DEMO.teacher, 'imports.preview', { uploadId });
    expect(preview).toMatchObject({ valid: 2, invalid: 6, committed: false });
    const byRow = new Map(preview.problems.map((p) => [p.row, p.errors.join('；')]));
    expect([...byRow.keys()]).toEqual([5, 6, 7, 8, 9, 10]);
    expect(byRow.get(5)).toMatch(/请填写姓名/);
    expect(byRow.get(6)).toMatch(/出生日期不是有效的日期/);
    expect(byRow.get(7)).toMatch(/校验位/);
    expect(byRow.get(7)).toMatch(/监护人电话格式不正确/);
    expect(byRow.get(8)).toMatch(/本次导入到“三年级\(1\)班”/);
    expect(byRow.get(9)).toMatch(/已在三年级\(1\)班花名册中/);
    expect(byRow.get(10)).toMatch(/与第 3 行重复/);
    expect(preview.warnings).toEqual([{ row: 4, name: '李小红', errors: [expect.stringContaining('未签监护人同意书')] }]);
    expect(preview.sample.map((s) => [s.row, s.name, s.birthDate, s.consent])).toEqual([
      [3, '王小明', '2017-04-03', true],
      [4, '李小红', '2017-05-06', false],
    ]);

    const commit = await env.api(DEMO.teacher, 'imports.commit', { uploadId });
    expect(commit).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('有 6 行有误，未导入任何数据') },
    });
    expect({
      children: await count('children'),
      consents: await count('consents'),
      cards: await count('contactCards'),
      history: await count('archiveHistory'),
    }).toEqual(before);
  });

  test('a valid class sheet is imported with its consents, cards and history; the same upload cannot be imported twice', async () => {
    const file = await sheet([
      [
        null,
        '王小明',
        '男',
        '2017-04-03',
        '父母均外出',
        makeId('2017-04-03', 'male'),
        '青山村',
        '王大力',
        '13800000001',
        '东莞',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        '已签',
        '王大力',
        '父亲',
      ],
      [
        null,
        '李小红',
        '女',
        new Date(Date.UTC(2017, 4, 6)),
        '父母均外出',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
      ],
    ]);
    const uploadId = await upload(DEMO.teacher, file, { schoolId: 'demo-school', classId: 'demo-class-3-1' });
    const result = await ok(DEMO.teacher, 'imports.commit', { uploadId });
    expect(result).toEqual({ created: 2, remaining: 0, consents: 1, cards: 1, alerts: 1 });
    const wang = (await db().collection('children').where({ name: '王小明', classId: 'demo-class-3-1' }).get()).data[0];
    expect(wang).toMatchObject({
      idNumber: makeId('2017-04-03', 'male'),
      address: '青山村',
      archiveVersion: 1,
      schoolId: 'demo-school',
      communityId: 'demo-community-qingshan',
    });
    const li = (await db().collection('children').where({ name: '李小红' }).get()).data[0];
    expect(li).not.toHaveProperty('address');
    expect(await count('consents', { childId: wang._id, method: 'paper', by: '王大力' })).toBe(1);
    expect(await count('consents', { childId: li._id })).toBe(0);
    // 王小明 has no guardian on the card: the admin is alerted
    expect((await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school' })).alerts.some((a) => a.childId === wang._id)).toBe(true);
    const detail = await ok(DEMO.teacher, 'children.get', { childId: wang._id });
    expect(detail.history?.[0].note ?? detail.history?.[1].note).toMatch(/导入花名册/);

    expect(await env.api(DEMO.teacher, 'imports.commit', { uploadId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await count('children', { name: '王小明' })).toBe(1);

    // the same commit sent twice at once: one import
    const twice = await upload(DEMO.teacher, await sheet([[null, '孙悟空', '男', '2017-07-07', '父母均外出']]), {
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
    });
    const both = await Promise.all([1, 2].map(() => env.api(DEMO.teacher, 'imports.commit', { uploadId: twice })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await count('children', { name: '孙悟空' })).toBe(1);
    expect(await count('importChunks', { batchId: uploadId })).toBe(0);
  });

  test("the worst caller: wrong role, someone else's upload, another school, forged chunks, not an xlsx", async () => {
    const file = await sheet([[null, '周小周', '男', '2017-04-03', '父母均外出']]);
    const b64 = file.toString('base64');
    const one = { schoolId: 'demo-school', classId: 'demo-class-3-1', fileName: 'a.xlsx', seq: 0, total: 1, data: b64 };
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, classId: undefined })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, classId: 'demo-class-3-2' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, schoolId: OTHER.schoolId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const who of [DEMO.parent, DEMO.student, DEMO.community, OTHER.teacher])
      expect(await env.api(who, 'imports.upload', one)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, data: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, data: 'A'.repeat(200_004) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    const uploadId = (await ok(DEMO.teacher, 'imports.upload', one)).uploadId;
    for (const who of [DEMO.admin, OTHER.admin, 'teacher-x']) {
      expect(await env.api(who, 'imports.preview', { uploadId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await env.api(who, 'imports.commit', { uploadId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // a chunk sent twice is harmless; a chunk for a different total is refused
    expect((await ok(DEMO.teacher, 'imports.upload', { ...one, uploadId })).received).toBe(1);
    expect(await env.api(DEMO.teacher, 'imports.upload', { ...one, uploadId, total: 2 })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    const junk = await ok(DEMO.teacher, 'imports.upload', { ...one, data: Buffer.from('这不是表格').toString('base64') });
    expect(await env.api(DEMO.teacher, 'imports.preview', { uploadId: junk.uploadId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('.xlsx') },
    });
    const partial = await ok(DEMO.teacher, 'imports.upload', { ...one, total: 2 });
    expect(await env.api(DEMO.teacher, 'imports.preview', { uploadId: partial.uploadId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('1/2') },
    });
    const noHeader = await sheet([['a', 'b']], ['甲', '乙']);
    const nh = await upload(DEMO.teacher, noHeader, { schoolId: 'demo-school', classId: 'demo-class-3-1' });
    expect(await env.api(DEMO.teacher, 'imports.preview', { uploadId: nh })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('表头') },
    });
  });
});

describe('a 2,000-row school import', () => {
  let uploadId = '';
  beforeAll(async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => bigRow(i, `六年级（${(i % 4) + 1}）班`));
    uploadId = await upload(DEMO.admin, await sheet(rows), { schoolId: 'demo-school' }, 60_000);
  }, 120000);

  const ofBatch = async () =>
    (await db().collection('children').where({ importBatchId: uploadId }).field({ _id: true, idNumber: true }).limit(1000).get()).data as {
      _id: string;
      idNumber?: string;
    }[];
  /** How many documents of `collection` belong to these children. */
  const ofChildren = async (collection: string, ids: string[], where: Record<string, unknown> = {}) => {
    let n = 0;
    for (let i = 0; i < ids.length; i += 500) n += await count(collection, { childId: db().command.in(ids.slice(i, i + 500)), ...where });
    return n;
  };
  const allOfBatch = async () => {
    const out: { _id: string; idNumber?: string }[] = [];
    for (let skip = 0; ; skip += 1000) {
      const page = (
        await db()
          .collection('children')
          .where({ importBatchId: uploadId })
          .field({ _id: true, idNumber: true })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(1000)
          .get()
      ).data as { _id: string; idNumber?: string }[];
      out.push(...page);
      if (page.length < 1000) return out;
    }
  };

  test('a commit killed half-way leaves whole rows only, each with its consent, card, history and audit entry; the batch stays held', async () => {
    const before = { children: await count('children'), alerts: await count('alerts') };
    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'import-worker.ts'), env.url, uploadId, DEMO.admin, '100'], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    worker.stderr.on('data', (d) => (stderr += d));
    const written = await new Promise<number>((resolve, reject) => {
      worker.stdout.on('data', (d: Buffer) => {
        const m = String(d).match(/WROTE (\d+)/);
        if (m) resolve(Number(m[1]));
      });
      worker.on('exit', (code) => reject(new Error(`worker exited ${code}: ${stderr}`)));
    });
    expect(written).toBe(150);
    // rows 1-100 are committed, rows 101-150 are in an open transaction; the process dies before it commits
    const dead = new Promise((r) => worker.on('exit', r));
    worker.kill('SIGKILL');
    await dead;
    const children = await ofBatch();
    expect(children).toHaveLength(100);
    expect(await count('children')).toBe(before.children + 100);
    const ids = children.map((c) => c._id);
    const signed = children.filter((c) => c.idNumber).length;
    expect(signed).toBe(50);
    expect(await ofChildren('consents', ids)).toBe(signed);
    expect(await ofChildren('contactCards', ids)).toBe(signed);
    expect(await ofChildren('archiveHistory', ids)).toBe(100 + signed);
    expect(await ofChildren('auditLog', ids, { action: 'imports.commit', kind: 'change' })).toBe(100);
    expect(await count('alerts')).toBe(before.alerts + 2);
    expect((await db().collection('importBatches').doc(uploadId).get()).data[0]).toMatchObject({ status: 'committing', imported: 100 });
    // Its lease has not run out: another commit now is refused, and no pupil is added by hand to those classes.
    expect(await env.api(DEMO.admin, 'imports.commit', { uploadId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('正在导入') },
    });
    expect(
      await env.api(DEMO.admin, 'archive.create', { classId: 'big-0', name: '插班生', gender: 'male', birthDate: '2016-03-03', leftBehindType: 'both_away' }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('正在导入花名册') } });
  }, 120_000);

  test('the preview judges all 2,000 rows; committing again once the lease ran out writes the rest in whole transactions, none twice', async () => {
    const preview = await ok(DEMO.admin, 'imports.preview', { uploadId });
    expect(preview).toMatchObject({ valid: 2000, invalid: 0 });
    expect(preview.warnings).toHaveLength(1000);
    const before = await count('children');
    // the killed commit's open transaction still holds the batch until it expires
    await new Promise((r) => setTimeout(r, TRANSACTION_TIMEOUT_MS));

    // A reader during the commit sees whole transactions of rows, never a part of one.
    let done = false;
    const seen = new Set<number>();
    const watcher = (async () => {
      while (!done) {
        seen.add(await count('children', { importBatchId: uploadId }));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const later = new Date(Date.now() + 5 * 60_000);
    // Each call writes for a while and says how many rows remain; the page calls again until none do.
    const answers: { ok: boolean; data: ActionOutput<'imports.commit'> }[] = [];
    do {
      const { result } = await env.callFunction<{ ok: boolean; data: ActionOutput<'imports.commit'> }>(
        'api',
        { action: 'imports.commit', input: { uploadId } },
        { openid: DEMO.admin, now: later },
      );
      answers.push(result);
    } while (answers[answers.length - 1].ok && answers[answers.length - 1].data.remaining > 0 && answers.length < 40);
    done = true;
    await watcher;
    expect(answers[answers.length - 1]).toEqual({ ok: true, data: { created: 2000, remaining: 0, consents: 1000, cards: 1000, alerts: 40 } });
    answers.slice(0, -1).forEach((a) => expect(a.data.created + a.data.remaining).toBe(2000));
    expect([...seen].every((n) => n >= 100 && n % ROWS_PER_TRANSACTION === 0)).toBe(true);
    expect(await count('children')).toBe(before + 1900);
    const children = await allOfBatch();
    expect(children).toHaveLength(2000);
    const ids = children.map((c) => c._id);
    expect(await ofChildren('consents', ids)).toBe(1000);
    expect(await ofChildren('contactCards', ids)).toBe(1000);
    expect(await ofChildren('auditLog', ids, { action: 'imports.commit', kind: 'change' })).toBe(2000);
    expect(await ofChildren('alerts', ids)).toBe(40);
    expect(await count('children', { classId: 'big-2' })).toBe(500);
    expect(await count('consents', { method: 'paper', recordedBy: DEMO.admin })).toBe(1000);
    const signed = (await db().collection('children').where({ name: '学生0002' }).get()).data[0];
    expect(signed).toMatchObject({ classId: 'big-2', address: '青山村2号', idNumber: expect.stringMatching(/^410102/) });
    const unsigned = (await db().collection('children').where({ name: '学生0001' }).get()).data[0];
    expect(unsigned).not.toHaveProperty('idNumber');
    expect(await count('contactCards', { childId: unsigned._id })).toBe(0);
    expect((await db().collection('importBatches').doc(uploadId).get()).data[0]).toMatchObject({ status: 'committed', imported: 2000, lease: null });
    expect(await env.api(DEMO.admin, 'imports.commit', { uploadId }, later)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // the classes take pupils by hand again
    expect(
      await env.api(
        DEMO.admin,
        'archive.create',
        { classId: 'big-0', name: '插班生', gender: 'male', birthDate: '2016-03-03', leftBehindType: 'both_away' },
        later,
      ),
    ).toMatchObject({ ok: true });
  }, 300_000);
});

async function readXlsx(b64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as never);
  return wb;
}

describe('export', () => {
  test('the registration table of a class: title, the import columns, values as the role may see them, audited', async () => {
    const asTeacher = await ok(DEMO.teacher, 'archive.export', { classId: 'demo-class-3-1', kind: 'registration' });
    expect(asTeacher).toMatchObject({
      exportId: null,
      chunks: 1,
      fileName: expect.stringMatching(/三年级\(1\)班留守儿童基本情况登记表_\d{4}-\d{2}-\d{2}\.xlsx$/),
    });
    const wb = await readXlsx(asTeacher.data);
    const ws = wb.getWorksheet('基本情况登记表')!;
    expect(String(ws.getRow(1).getCell(1).value)).toBe('青山镇中心小学（演示）三年级(1)班留守儿童基本情况登记表');
    const header = (ws.getRow(3).values as string[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['序号', '班级', '姓名', '性别', '出生日期', '留守类型']);
    const rows = Array.from({ length: ws.rowCount - 3 }, (_, i) => ws.getRow(i + 4));
    const col = (h: string) => header.indexOf(h) + 1;
    const wang = rows.find((r) => r.getCell(col('姓名')).value === '王小明')!;
    expect(String(wang.getCell(col('身份证号')).value)).toMatch(/^410\*+/);
    expect(wang.getCell(col('父亲电话')).value).toBe('13800000001');
    expect(wang.getCell(col('监护人同意')).value).toBe('已同意');

    const asAdmin = await ok(DEMO.admin, 'archive.export', { classId: 'demo-class-3-1', kind: 'registration' });
    const adminWs = (await readXlsx(asAdmin.data)).getWorksheet('基本情况登记表')!;
    const adminWang = Array.from({ length: adminWs.rowCount - 3 }, (_, i) => adminWs.getRow(i + 4)).find((r) => r.getCell(col('姓名')).value === '王小明')!;
    expect(adminWang.getCell(col('身份证号')).value).toBe(makeId('2017-04-03', 'male'));

    const log = await ok(DEMO.admin, 'audit.list', { schoolId: 'demo-school', openid: DEMO.teacher });
    expect(log.entries.filter((e) => e.kind === 'export' && e.action === 'archive.export').length).toBe(rows.length);

    // what was exported reads back: every row is already in the roster
    const back = await upload(DEMO.teacher, Buffer.from(asTeacher.data, 'base64'), { schoolId: 'demo-school', classId: 'demo-class-3-1' });
    const preview = await ok(DEMO.teacher, 'imports.preview', { uploadId: back });
    expect(preview.valid).toBe(0);
    expect(preview.problems.every((p) => p.errors.some((e) => e.includes('已在三年级(1)班花名册中')))).toBe(true);
    expect(preview.columns.recognized).toEqual(expect.arrayContaining(['班级', '姓名', '身份证号', '父亲电话', '监护人姓名', '紧急联系人电话']));
  });

  test('archives and contact cards of the whole school come in chunks only the exporter can fetch', async () => {
    const first = await ok(DEMO.admin, 'archive.export', { schoolId: 'demo-school', kind: 'archive' });
    expect(first.rows).toBeGreaterThan(2000);
    expect(first.chunks).toBeGreaterThan(1);
    const parts = [first.data];
    for (let seq = 1; seq < first.chunks; seq++) parts.push((await ok(DEMO.admin, 'exports.chunk', { exportId: first.exportId!, seq })).data);
    const wb = await readXlsx(parts.join(''));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['档案', '联系卡', '结对帮扶', '进步档案']);
    expect(wb.getWorksheet('联系卡')!.rowCount).toBe(first.rows + 3);
    expect(await env.api(DEMO.teacher, 'exports.chunk', { exportId: first.exportId!, seq: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.teacher, 'archive.export', { schoolId: 'demo-school', kind: 'archive' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const who of [DEMO.parent, DEMO.student, DEMO.community, OTHER.admin])
      expect(await env.api(who, 'archive.export', { classId: 'demo-class-3-1', kind: 'archive' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
  }, 120000);
});
