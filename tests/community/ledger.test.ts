/**
 * The assistance ledger (帮扶台账) through the emulator: bad amounts and dates refused in Chinese with nothing
 * written; an entry sent twice recorded once; a relief application's stages in order; totals per child, community
 * and school; the xlsx export with amounts in 元; who may read which ledger.
 */
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { at, caller, phoneId } from './helpers';

let env: TestEmulator;
let ok: ReturnType<typeof caller>['ok'];
let refused: ReturnType<typeof caller>['refused'];
const NOW = at('2027-05-20 10:00');
const count = async (where: Record<string, unknown> = {}) => (await env.app.database().collection('assistance').where(where).count()).total;
const CHILD = 'demo-child-01';

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  ({ ok, refused } = caller(env));
});
afterAll(() => env.stop());

describe('bad input: a clear Chinese error, nothing written', () => {
  const relief = (over: Record<string, unknown> = {}) => ({
    entryId: phoneId('e-'),
    childId: CHILD,
    kind: 'relief',
    date: '2027-05-01',
    amountFen: 400000,
    party: '民政',
    ...over,
  });
  test.each([
    ['a negative amount', relief({ amountFen: -400000 }), '申请金额必须大于 0（不能为负数或零）'],
    ['an absurd amount', relief({ amountFen: 100_000_000_00 }), '申请金额不合理：不能超过 100000.00 元'],
    ['a float of yuan instead of fen', relief({ amountFen: 4000.5 }), '申请金额必须是整数（以分计，不能有小数）'],
    ['an amount as text', relief({ amountFen: '4000' }), '申请金额必须是数字（以分计）'],
    ['a 低保 change without a date', { entryId: phoneId('e-'), childId: CHILD, kind: 'allowance', amountFen: 65000 }, '缺少低保调整日期'],
    [
      'a 低保 of 2 万 a month',
      { entryId: phoneId('e-'), childId: CHILD, kind: 'allowance', date: '2027-06-01', amountFen: 2_000_000 },
      '低保每月金额不合理：不能超过 10000.00 元',
    ],
    [
      'a payment dated tomorrow',
      { entryId: phoneId('e-'), childId: CHILD, kind: 'payment', date: '2027-05-21', amountFen: 100, item: '寄宿费', party: '辅导班' },
      '日期不能晚于今天',
    ],
    [
      'a recurring payment on the 31st',
      { entryId: phoneId('e-'), childId: CHILD, kind: 'recurring', date: '2027-06-01', amountFen: 100, item: '寄宿费', party: '辅导班', dayOfMonth: 31 },
      '每月几号应在 1–28 之间',
    ],
    [
      'a recurring payment ending before it starts',
      {
        entryId: phoneId('e-'),
        childId: CHILD,
        kind: 'recurring',
        date: '2027-06-01',
        amountFen: 100,
        item: '寄宿费',
        party: '辅导班',
        dayOfMonth: 15,
        untilMonth: '2027-05',
      },
      '截止月份不能早于开始月份',
    ],
    [
      'material aid of 5000 pieces',
      { entryId: phoneId('e-'), childId: CHILD, kind: 'material', date: '2027-05-01', item: '书包', quantity: 5000, source: 'school' },
      '数量不合理（最多 1000）',
    ],
    [
      'material from nowhere',
      { entryId: phoneId('e-'), childId: CHILD, kind: 'material', date: '2027-05-01', item: '书包', quantity: 1, source: 'lottery' },
      '请选择物资来源',
    ],
    ['an unknown kind', { entryId: phoneId('e-'), childId: CHILD, kind: 'loan', date: '2027-05-01' }, '请选择台账类别'],
  ])('%s', async (_what, input, message) => {
    const before = await count();
    const error = await refused(DEMO.community, 'assistance.add', input, NOW);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(message);
    expect(await count()).toBe(before);
  });

  test('a child of another community or school: refused as someone else’s, nothing written', async () => {
    const before = await count();
    for (const childId of ['demo-child-08', OTHER.childId])
      expect(await refused(DEMO.community, 'assistance.add', relief({ childId }), NOW)).toMatchObject({ code: 'FORBIDDEN', message: '无权访问该范围的数据' });
    expect(await refused(DEMO.teacher, 'assistance.add', relief(), NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count()).toBe(before);
  });
});

describe('writing the ledger', () => {
  test('an entry sent twice (or ten times at once) is recorded once', async () => {
    const input = { entryId: phoneId('e-'), childId: CHILD, kind: 'payment' as const, date: '2027-05-20', amountFen: 30000, item: '校服', party: '学校' };
    const answers = await Promise.all(Array.from({ length: 10 }, () => env.api(DEMO.community, 'assistance.add', input, NOW)));
    expect(answers.filter((a) => a.ok && a.data.created)).toHaveLength(1);
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await count({ _id: input.entryId })).toBe(1);
  });

  test('a relief application is approved, then paid, in order and within what was applied for', async () => {
    const entryId = phoneId('relief-');
    await ok(DEMO.community, 'assistance.add', { entryId, childId: CHILD, kind: 'relief', date: '2027-05-02', amountFen: 200000, party: '镇民政办' }, NOW);
    expect(await refused(DEMO.community, 'assistance.update', { entryId, stage: 'paid', amountFen: 200000, on: '2027-05-10' }, NOW)).toMatchObject({
      message: '请先登记批准，再登记发放',
    });
    expect(await refused(DEMO.community, 'assistance.update', { entryId, stage: 'approved', amountFen: 250000, on: '2027-05-10' }, NOW)).toMatchObject({
      message: '批准金额不能超过申请金额 2000.00 元',
    });
    expect(await refused(DEMO.community, 'assistance.update', { entryId, stage: 'approved', amountFen: 150000, on: '2027-05-01' }, NOW)).toMatchObject({
      message: '日期不能早于申请日期',
    });
    await ok(DEMO.community, 'assistance.update', { entryId, stage: 'approved', amountFen: 150000, on: '2027-05-10' }, NOW);
    expect(await refused(DEMO.community, 'assistance.update', { entryId, stage: 'approved', amountFen: 150000, on: '2027-05-11' }, NOW)).toMatchObject({
      code: 'CONFLICT',
    });
    await ok(DEMO.community, 'assistance.update', { entryId, stage: 'paid', amountFen: 150000, on: '2027-05-15' }, NOW);
    const ledger = await ok(DEMO.community, 'assistance.ledger', { childId: CHILD }, NOW);
    expect(ledger.entries.find((e) => e.id === entryId)).toMatchObject({ statusLabel: '已发放', approvedFen: 150000, paidFen: 150000, amountYuan: '2000.00' });
    expect(ledger.totals).toMatchObject({ reliefAppliedFen: 200000, reliefApprovedFen: 150000, reliefPaidFen: 150000, paymentsFen: 30000 });
    // another village's 儿童主任 cannot move it on
    await env.app.database().collection('bindings').add({
      openid: 'director-hexi',
      role: 'community',
      schoolId: 'demo-school',
      classId: null,
      childId: null,
      communityId: 'demo-community-hexi',
      label: '河西村 儿童主任',
      createdAt: NOW,
      revokedAt: null,
    });
    expect(await refused('director-hexi', 'assistance.update', { entryId, stage: 'refused', on: '2027-05-16' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('totals add up per child, per community and for the school, and only the admin reads the whole school', async () => {
    await ok(
      DEMO.community,
      'assistance.add',
      { entryId: phoneId('e-'), childId: 'demo-child-02', kind: 'material', date: '2027-05-20', item: '书包', quantity: 1, source: 'school', amountFen: 12000 },
      NOW,
    );
    await ok(
      DEMO.township,
      'assistance.add',
      { entryId: phoneId('e-'), childId: 'demo-child-08', kind: 'allowance', date: '2027-05-01', amountFen: 65000, party: '镇民政办' },
      NOW,
    );
    const village = await ok(DEMO.community, 'assistance.ledger', { communityId: 'demo-community-qingshan' }, NOW);
    expect(village.children.map((c) => c.name).sort()).toEqual(['周子墨', '林小禾']);
    expect(village.totals).toMatchObject({ paymentsFen: 30000, materialValueFen: 12000, allowanceMonthlyFen: 0, children: 2 });
    const school = await ok(DEMO.admin, 'assistance.ledger', { schoolId: 'demo-school' }, NOW);
    expect(school.totals).toMatchObject({ paymentsFen: 30000, materialValueFen: 12000, allowanceMonthlyFen: 65000, reliefPaidFen: 150000, children: 3 });
    expect(school.totalsYuan.allowanceMonthly).toBe('650.00');
    expect(await refused(DEMO.community, 'assistance.ledger', { schoolId: 'demo-school' }, NOW)).toMatchObject({
      code: 'FORBIDDEN',
      message: '全校范围仅限管理员，请选择社区/村',
    });
    expect(await refused(DEMO.teacher, 'assistance.ledger', { communityId: 'demo-community-qingshan' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await ok(DEMO.teacher, 'assistance.ledger', { childId: CHILD }, NOW)).totals.paymentsFen).toBe(30000);
    expect(await refused(DEMO.community, 'assistance.ledger', { communityId: 'demo-community-hexi' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the export is an xlsx with a summary per child and every entry, amounts in 元', async () => {
    const out = await ok(DEMO.community, 'assistance.export', { communityId: 'demo-community-qingshan' }, NOW);
    expect(out.fileName).toBe('青山村帮扶台账_2027-05-20.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data, 'base64') as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('汇总')!;
    const rows = summary
      .getSheetValues()
      .slice(4)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows.map((r) => r[1])).toEqual(['林小禾', '周子墨', '合计']);
    expect(rows[0].slice(3, 6)).toEqual(['2000.00', '1500.00', '0.00']);
    expect(rows[2][6]).toBe('300.00');
    const detail = wb.getWorksheet('明细')!;
    expect(detail.rowCount - 3).toBe(out.rows);
    expect(await refused(DEMO.community, 'assistance.export', { schoolId: 'demo-school' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    const audited = await env.app.database().collection('auditLog').where({ action: 'assistance.export', kind: 'export' }).count();
    expect(audited.total).toBe(2);
  });
});
