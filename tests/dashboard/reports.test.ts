/**
 * The home-visit rate and the reports, from records built in ./fixture.ts plus the home visits and an alert built
 * here (Beijing days; the suite runs in America/New_York): the aggregate counts agree with the drill-down lists for
 * every rate of the school and of each class; the 统计表 and the 工作档案 read back with exceljs; the 工作总结 names no
 * child; who may ask for what; a term that does not exist is refused in Chinese and writes nothing.
 */
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { RateView } from '../../typings/actions/dashboard';
import type { ExportOutput } from '../../typings/actions/archive';
import { buildSchool, D } from './fixture';
import { docs, fails, ok } from '../talks/helpers';

let env: TestEmulator;
jest.setTimeout(90_000);

const CHILD_NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八'];
const CHILD_IDS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'm1'];

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  await buildSchool(env);
  const db = env.app.database();
  // k7 lives in a village that visits every six months; k4 is a focus child (visited monthly).
  await db.collection('communities').add({ _id: 'ds-village', schoolId: D.school, name: '青溪村', visitEveryMonths: 6, focusEveryMonths: 1 });
  await db.collection('children').doc('k7').update({ communityId: 'ds-village' });
  await db
    .collection('children')
    .doc('k4')
    .update({ focusSupport: { flag: true, reason: '父母离异' } });
  const visit = (childId: string, classId: string, date: string) => ({
    schoolId: D.school,
    classId,
    childId,
    communityId: null,
    date,
    method: 'home',
    met: '奶奶',
  });
  await db.collection('visits').add([
    visit('k1', D.c1, '2027-01-05'), // + 3 months = 4月5日: still within on 4月1日
    visit('k2', D.c1, '2026-12-31'), // + 3 months = 3月31日: overdue on 4月1日 (Beijing), though still 3月31日 in New York
    visit('k4', D.c2, '2027-02-20'), // a focus child: + 1 month = 3月20日, overdue
    visit('k7', D.c2, '2026-10-02'), // + 6 months = 4月2日: within
    visit('k3', D.c1, '2027-04-02'), // after the day the rates stand at: not counted
  ]);
  await db.collection('alerts').add({
    schoolId: D.school,
    classId: D.c1,
    childId: 'k2',
    kind: 'dropped_out',
    message: '乙二已登记为辍学。',
    createdAt: fromBeijing('2027-03-30 09:00'),
    createdBy: D.admin,
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
  });
});
afterAll(() => env.stop());

const counts = (rates: RateView[]) => Object.fromEntries(rates.map((r) => [r.key, [r.numerator, r.denominator]]));

async function workbook(out: ExportOutput): Promise<ExcelJS.Workbook> {
  const parts = [out.data];
  for (let seq = 1; seq < out.chunks; seq++) parts.push((await ok(env, D.admin, 'exports.chunk', { exportId: out.exportId!, seq })).data);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(parts.join(''), 'base64') as never);
  return wb;
}

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
};

const everyCell = (wb: ExcelJS.Workbook) => wb.worksheets.flatMap((ws) => rowsOf(ws).flat()).join('|');

test('the home-visit rate counts the children visited within their interval, on Beijing days', async () => {
  const view = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  expect(counts(view.rates).visits).toEqual([2, 5]); // k1 and k7
  const drill = await ok(env, D.admin, 'dashboard.children', { schoolId: D.school, rate: 'visits' }, D.now);
  expect(
    drill.children
      .filter((c) => c.counted)
      .map((c) => c.childId)
      .sort(),
  ).toEqual(['k1', 'k7']);
  expect(drill.children.find((c) => c.childId === 'k2')).toMatchObject({ counted: false, note: '走访逾期（上次12月31日）' });
  expect(drill.children.find((c) => c.childId === 'k3')).toMatchObject({ counted: false, note: '还没有走访' });
  // A day earlier (March 31 in Beijing), k2's visit is still within its quarter.
  const before = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, fromBeijing('2027-03-31 23:30'));
  expect(counts(before.rates).visits).toEqual([3, 5]);
});

test('the aggregate counts agree with the drill-down of every rate, for the school and for each class', async () => {
  const school = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  const places = [{ schoolId: D.school }, { classId: D.c1 }, { classId: D.c2 }];
  for (const place of places) {
    const view = await ok(env, D.admin, 'dashboard.school', place, D.now);
    for (const rate of view.rates) {
      const drill = await ok(env, D.admin, 'dashboard.children', { ...place, rate: rate.key }, D.now);
      expect({ place, key: rate.key, n: drill.children.filter((c) => c.counted).length, d: drill.children.length }).toEqual({
        place,
        key: rate.key,
        n: rate.numerator,
        d: rate.denominator,
      });
    }
  }
  // The school's classes add up to the school.
  for (const rate of school.rates) {
    const perClass = school.classes.map((c) => c.counts[rate.key]);
    expect([perClass.reduce((n, r) => n + r.numerator, 0), perClass.reduce((n, r) => n + r.denominator, 0)]).toEqual([rate.numerator, rate.denominator]);
  }
});

test('the 统计表 is an xlsx with a row per class and the school, its figures and targets', async () => {
  const out = await ok(env, D.admin, 'reports.statistics', { schoolId: D.school }, D.now);
  expect(out.fileName).toBe('青溪小学统计表-2027年春季学期.xlsx');
  const wb = await workbook(out);
  const rows = rowsOf(wb.getWorksheet('统计表')!);
  expect(rows[0][0]).toBe('青溪小学留守儿童工作统计表（2027年春季学期）');
  const header = rows[2];
  expect(header.slice(0, 6)).toEqual(['序号', '班级', '留守儿童（人）', '建档率·达到（人）', '建档率·应计（人）', '建档率（%，目标100）']);
  expect(header).toContain('计划免疫接种率（%，目标95）');
  expect(header).toContain('入户走访率·达到（人）');
  const col = (name: string) => header.indexOf(name);
  const body = rows.slice(3);
  expect(body.map((r) => r[1])).toEqual(['三年级(1)班', '四年级(1)班', '青溪小学合计']);
  expect(body.map((r) => [r[col('留守儿童（人）')], r[col('建档率·达到（人）')], r[col('建档率·应计（人）')], r[col('建档率（%，目标100）')]])).toEqual([
    ['3', '1', '3', '33.3'],
    ['2', '1', '2', '50.0'],
    ['5', '2', '5', '40.0'],
  ]);
  expect(body.map((r) => r[col('入户走访率·达到（人）')])).toEqual(['1', '1', '2']);
  expect(body[2][col('未达标项')]).toContain('建档率');
  for (const s of CHILD_NAMES) expect(everyCell(wb)).not.toContain(s);
  for (const id of CHILD_IDS) expect(everyCell(wb).split('|')).not.toContain(id);
  expect(await docs(env, 'auditLog', { action: 'reports.statistics', kind: 'export', schoolId: D.school })).toHaveLength(1);
});

test('the 工作总结 is drafted from the records with no child named, kept once saved, and edits are not lost', async () => {
  const draft = await ok(env, D.admin, 'reports.summary', { schoolId: D.school }, D.now);
  expect(draft).toMatchObject({ saved: false, version: 0, term: { name: '2027年春季学期' } });
  const text = draft.sections.map((s) => `${s.heading}\n${s.text}`).join('\n');
  expect(text).toContain('全校在册留守儿童5人');
  expect(text).toContain('谈心3次'); // March 31 and twice on April 1
  expect(text).toContain('亲情电话2次');
  expect(text).toContain('入户走访1次'); // k4's of February 20, the term's first day (k1's of January is the autumn term's)
  expect(text).toContain('建档率40%（2/5，目标100%），未达标');
  expect(text).toContain('三年级1名学生：登记辍学（控辍保学），已处置0起，仍在跟进1起。');
  const payload = JSON.stringify(draft);
  for (const s of CHILD_NAMES) expect(payload).not.toContain(s);
  for (const id of CHILD_IDS) expect(payload).not.toContain(`"${id}"`);

  const sections = draft.sections.map((s) => (s.key === 'next' ? { ...s, text: '下学期把建档率提高到100%。' } : s));
  const saved = await ok(env, D.admin, 'reports.saveSummary', { schoolId: D.school, term: draft.term.name, expectedVersion: 0, sections }, D.now);
  expect(saved.version).toBe(1);
  const kept = await ok(env, D.admin, 'reports.summary', { schoolId: D.school }, D.now);
  expect(kept).toMatchObject({ saved: true, version: 1, savedBy: '青溪小学' });
  expect(kept.sections.find((s) => s.key === 'next')!.text).toBe('下学期把建档率提高到100%。');
  // A fresh draft on request, the saved one untouched.
  expect((await ok(env, D.admin, 'reports.summary', { schoolId: D.school, redraft: true }, D.now)).sections.find((s) => s.key === 'next')!.text).not.toBe(
    '下学期把建档率提高到100%。',
  );
  // Someone saving from the old version is refused; nothing changes.
  const stale = await fails(env, D.admin, 'reports.saveSummary', { schoolId: D.school, term: draft.term.name, expectedVersion: 0, sections }, D.now);
  expect(stale).toMatchObject({ code: 'CONFLICT', message: '这份工作总结刚被别人改过，请重新打开后再改' });
  expect(await docs(env, 'workSummaries', { schoolId: D.school })).toHaveLength(1);
  expect(await docs(env, 'auditLog', { action: 'reports.saveSummary', kind: 'change' })).toHaveLength(1);
});

test('the 工作档案 of the year is one workbook, a sheet per part, with no child in it', async () => {
  const out = await ok(env, D.admin, 'reports.archive', { schoolId: D.school }, D.now);
  expect(out.fileName).toBe('青溪小学工作档案-2026—2027学年.xlsx');
  const wb = await workbook(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['统计表', '月度工作', '家长会与座谈会', '预警个案', '工作总结']);
  const months = rowsOf(wb.getWorksheet('月度工作')!).slice(3);
  expect(months.map((r) => r[0])).toEqual(['2026年9月', '2026年10月', '2026年11月', '2026年12月', '2027年1月', '2027年2月', '2027年3月', '2027年4月']);
  // talks, video calls, phone calls, visits, assistance, symposiums: April's phone call was at 00:10 Beijing on April 1
  // (still March 31 in New York); each visit in the month of its day.
  expect(months[7]).toEqual(['2027年4月', '2', '0', '1', '1', '0', '0']);
  expect(months[6]).toEqual(['2027年3月', '1', '0', '1', '0', '0', '0']);
  expect(months.map((r) => r[4])).toEqual(['0', '1', '0', '1', '1', '1', '0', '1']);
  expect(months[1][6]).toBe('1'); // the parent meeting of October 10
  expect(rowsOf(wb.getWorksheet('家长会与座谈会')!).slice(3)).toEqual([['2026年10月10日', '家长会', '', '2']]);
  expect(rowsOf(wb.getWorksheet('预警个案')!).slice(3)).toEqual([['三年级', '登记辍学（控辍保学）', '跟进中']]);
  expect(
    rowsOf(wb.getWorksheet('工作总结')!)
      .slice(3)
      .find((r) => r[0] === '五、存在问题与下学期打算')![1],
  ).toBe('下学期把建档率提高到100%。');
  const cells = everyCell(wb);
  for (const s of CHILD_NAMES) expect(cells).not.toContain(s);
});

test("the county's 统计表: a row per school and the county, counts only; each asks only for their own", async () => {
  const out = await ok(env, D.countyAdmin, 'county.statistics', {}, D.now);
  const wb = await workbook(out);
  const rows = rowsOf(wb.getWorksheet('统计表')!).slice(3);
  // in the order of their names (二 before 小, as the county's dashboard lists them)
  expect(rows.map((r) => r[1])).toEqual(['青溪二小', '青溪小学', '青溪县合计']);
  expect(rows.map((r) => r[2])).toEqual(['1', '5', '6']);
  const cells = everyCell(wb);
  for (const s of CHILD_NAMES) expect(cells).not.toContain(s);
  expect(Object.keys(out).sort()).toEqual(['chunks', 'data', 'exportId', 'fileName', 'rows']);

  const refused = await Promise.all([
    fails(env, D.countyAdmin, 'reports.statistics', { schoolId: D.school }, D.now),
    fails(env, D.countyAdmin, 'reports.summary', { schoolId: D.school }, D.now),
    fails(env, D.admin, 'county.statistics', {}, D.now),
    fails(env, D.teacher, 'reports.statistics', { schoolId: D.school }, D.now),
    fails(env, OTHER.admin, 'reports.statistics', { schoolId: D.school }, D.now),
    fails(env, OTHER.admin, 'reports.archive', { schoolId: D.school }, D.now),
    fails(env, D.admin, 'reports.summary', { schoolId: OTHER.schoolId }, D.now),
  ]);
  for (const e of refused) expect(e).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
});

test('a term that does not exist, bad sections: a Chinese error and nothing written', async () => {
  const [audits, chunks, summaries] = await Promise.all([docs(env, 'auditLog', {}), docs(env, 'exportChunks', {}), docs(env, 'workSummaries', {})]);
  const noTerm = '2030年春季学期';
  for (const action of ['reports.statistics', 'reports.summary', 'reports.archive'] as const) {
    expect(await fails(env, D.admin, action, { schoolId: D.school, term: noTerm }, D.now)).toMatchObject({
      code: 'NOT_FOUND',
      message: `没有「${noTerm}」这个学期，或它还没有开始`,
    });
  }
  const section = { key: 'basics', heading: '一、基本情况', text: '……' };
  expect(await fails(env, D.admin, 'reports.saveSummary', { schoolId: D.school, term: noTerm, expectedVersion: 0, sections: [section] }, D.now)).toMatchObject({
    code: 'NOT_FOUND',
  });
  const tooLong = await fails(
    env,
    D.admin,
    'reports.saveSummary',
    { schoolId: D.school, term: '2027年春季学期', expectedVersion: 1, sections: [{ ...section, text: '长'.repeat(5001) }] },
    D.now,
  );
  expect(tooLong).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('段落内容不能超过 5000 个字') });
  const empty = await fails(env, D.admin, 'reports.saveSummary', { schoolId: D.school, term: '2027年春季学期', expectedVersion: 1, sections: [] }, D.now);
  expect(empty).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('工作总结至少要有一段') });
  expect(await docs(env, 'auditLog', {})).toHaveLength(audits.length);
  expect(await docs(env, 'exportChunks', {})).toHaveLength(chunks.length);
  expect(await docs(env, 'workSummaries', {})).toEqual(summaries);
});

test("the 工作总结's 主要工作 counts the term's activities, children present, honours and the work plan's items done", async () => {
  const before = await ok(env, D.admin, 'reports.summary', { schoolId: D.school, redraft: true }, D.now);
  const work = (v: typeof before) => v.sections.find((s) => s.key === 'work')!.text;
  expect(work(before)).toContain('6. 关爱活动：本学期尚未登记活动；尚未登记荣誉。');
  expect(work(before)).toContain('7. 工作计划：本学期尚未制定工作计划。');

  const db = env.app.database();
  const activity = (id: string, kind: string, date: string) => ({
    _id: id,
    schoolId: D.school,
    classId: D.c1,
    kind,
    title: '活动',
    date,
    place: '教室',
    organiser: '班主任',
  });
  await db.collection('activities').add([
    activity('ra1', 'class_meeting', '2027-03-10'),
    activity('ra2', 'film', '2027-03-20'),
    activity('ra3', 'film', '2027-03-27'),
    activity('ra-autumn', 'film', '2026-12-20'), // the autumn term's: not counted
  ]);
  const mark = (activityId: string, childId: string, status: string, date: string) => ({
    _id: `${activityId}_${childId}`,
    activityId,
    schoolId: D.school,
    classId: D.c1,
    childId,
    kind: 'child',
    date,
    status,
  });
  await db
    .collection('activityAttendance')
    .add([
      mark('ra1', 'k1', 'present', '2027-03-10'),
      mark('ra1', 'k2', 'absent', '2027-03-10'),
      mark('ra2', 'k1', 'present', '2027-03-20'),
      mark('ra2', 'k2', 'present', '2027-03-20'),
      mark('ra-autumn', 'k1', 'present', '2026-12-20'),
    ]);
  await db.collection('honours').add({ _id: 'rh1', schoolId: D.school, classId: D.c1, childId: 'k1', title: '自强少年', level: 'county', date: '2027-03-15' });
  await ok(env, D.admin, 'workPlan.create', { schoolId: D.school, term: '2027年春季学期' }, D.now);

  const after = await ok(env, D.admin, 'reports.summary', { schoolId: D.school, redraft: true }, D.now);
  expect(work(after)).toContain('6. 关爱活动：开展主题班队会1次、励志教育专题片2次，留守儿童参加3人次；1人次获得荣誉。');
  expect(work(after)).toMatch(/7\. 工作计划：本学期工作安排\d+项，已完成0项。/);
  for (const s of CHILD_NAMES) expect(JSON.stringify(after)).not.toContain(s);
});

test('a meeting counts as 召开 once it is held: not while only scheduled, nor when cancelled', async () => {
  const db = env.app.database();
  const meeting = (id: string, date: string, status?: string) => ({
    _id: id,
    schoolId: D.school,
    classId: D.c1,
    date,
    topic: '家长会',
    place: '教室',
    others: null,
    minutes: status === 'held' || !status ? '会议记录' : '',
    decisions: [],
    by: { role: 'teacher', name: '班主任' },
    createdAt: new Date(),
    ...(status ? { kind: 'parent_meeting', time: '15:00', status } : {}),
  });
  await db
    .collection('symposiums')
    .add([
      meeting('rs-recorded', '2027-03-05'),
      meeting('rs-held', '2027-03-12', 'held'),
      meeting('rs-never-held', '2027-03-25', 'scheduled'),
      meeting('rs-cancelled', '2027-03-28', 'cancelled'),
    ]);
  const summary = await ok(env, D.admin, 'reports.summary', { schoolId: D.school, redraft: true }, D.now);
  expect(summary.sections.find((s) => s.key === 'work')!.text).toContain('5. 家长会与座谈会：召开2次。');
  const wb = await workbook(await ok(env, D.admin, 'reports.archive', { schoolId: D.school }, D.now));
  expect(rowsOf(wb.getWorksheet('月度工作')!).find((r) => r[0] === '2027年3月')![6]).toBe('2');
  expect(
    rowsOf(wb.getWorksheet('家长会与座谈会')!)
      .slice(3)
      .map((r) => r[0]),
  ).toEqual(['2026年10月10日', '2027年3月5日', '2027年3月12日']);
});
