/**
 * kill -9 of the emulator (a process of its own with its data dir, hosting the functions) in the middle of work,
 * then a restart on the same data: SQLite's integrity check passes, nothing is half-written, no change is without
 * its audit entry, no reminder goes out twice, and the interrupted work resumes.
 */
import ExcelJS from 'exceljs';
import { seedDemo, DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { remind, type ReminderDraft } from '../../cloudfunctions/core/reminders';
import { makeId } from '../archive/helpers';
import { api, faultLog, fire, integrityCheck, must, spawnEmulator, until, wxMessages, type EmulatorProcess } from './helpers';

jest.setTimeout(600_000);

const log = faultLog('fault suite: kill -9 of the emulator');
const NOW = fromBeijing('2027-03-01 08:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

let emu: EmulatorProcess;
const db = () => emu.app().database();
const count = async (collection: string, where: Record<string, unknown> = {}) => (await db().collection(collection).where(where).count()).total;
/** How many documents of `collection` name these children. */
async function ofChildren(collection: string, ids: string[], where: Record<string, unknown> = {}): Promise<number> {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) n += await count(collection, { childId: db().command.in(ids.slice(i, i + 500)), ...where });
  return n;
}
async function all<T>(collection: string, where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = (await db().collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get()).data as T[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

async function killAndRestart(what: string): Promise<void> {
  const pid = emu.pid;
  await emu.kill9();
  log.killed(`emulator pid ${pid} (SIGKILL) ${what}`);
  const integrity = integrityCheck(emu.dataDir);
  expect(integrity).toBe('ok');
  log.checked(`PRAGMA integrity_check after the kill: ${integrity}`);
  await emu.restart();
}

beforeAll(async () => {
  emu = await spawnEmulator();
  await seedDemo(emu.app());
  await db()
    .collection('classes')
    .add(
      Array.from({ length: 4 }, (_, k) => ({
        _id: `big-${k}`,
        schoolId: 'demo-school',
        grade: 6,
        name: `六年级(${k + 1})班`,
        communityId: null,
        archivedAt: null,
      })),
    );
  const hours = { start: '08:00', end: '20:00' };
  const week = { 1: [hours], 2: [hours], 3: [hours], 4: [hours], 5: [hours], 6: [hours], 7: [hours] };
  await must(
    emu.url,
    DEMO.admin,
    'rooms.save',
    {
      schoolId: 'demo-school',
      name: '关爱室',
      location: '一楼',
      devices: Array.from({ length: 5 }, (_, k) => ({ name: `平板${k + 1}`, kind: 'tablet', hours: week })),
    },
    NOW,
  );
  await must(
    emu.url,
    DEMO.admin,
    'calendar.save',
    {
      schoolId: 'demo-school',
      expectedVersion: 0,
      terms: [{ name: '春季学期', start: '2027-02-22', end: '2027-07-02' }],
      holidays: [],
      makeUpDays: [],
    },
    NOW,
  );
}, 120_000);
afterAll(() => emu?.stop());

const HEADERS = ['班级', '姓名', '性别', '出生日期', '留守类型', '身份证号', '父亲姓名', '父亲电话', '父亲务工城市', '监护人同意书', '签字人', '签字人关系'];
async function bigSheet(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('留守儿童');
  ws.addRow(HEADERS);
  for (let i = 0; i < rows; i++) {
    const signed = i % 2 === 0;
    const birth = `2016-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    ws.addRow([
      `六年级（${(i % 4) + 1}）班`,
      `学生${String(i).padStart(4, '0')}`,
      '男',
      birth,
      '父母均外出',
      signed ? makeId(birth, 'male', '410102', String(i % 100).padStart(2, '0')) : null,
      `父亲${i}`,
      `138${String(i).padStart(8, '0')}`,
      '东莞',
      signed ? '已签' : '未签',
      signed ? `父亲${i}` : null,
      signed ? '父亲' : null,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

test('during a 2,000-row import: whole rows with their audit entries, and the commit resumes to 2,000, none twice', async () => {
  const b64 = await bigSheet(2000);
  let uploadId: string | undefined;
  const parts = Math.ceil(b64.length / 60_000);
  for (let seq = 0; seq < parts; seq++)
    uploadId = (
      await must<{ uploadId: string }>(
        emu.url,
        DEMO.admin,
        'imports.upload',
        {
          schoolId: 'demo-school',
          uploadId,
          fileName: '全校花名册.xlsx',
          seq,
          total: parts,
          data: b64.slice(seq * 60_000, (seq + 1) * 60_000),
        },
        NOW,
      )
    ).uploadId;
  // The page's loop: each call writes for a while and says how many rows remain (the first one parses the sheet).
  let ended: string | null = null;
  const committing = (async () => {
    for (;;) {
      const res = await api<{ remaining: number }>(emu.url, DEMO.admin, 'imports.commit', { uploadId }, NOW).catch(() => null);
      if (!res) return; // the kill
      if (!res.ok || res.data.remaining === 0) return void (ended = JSON.stringify(res));
    }
  })();
  await until(
    async () => {
      if (ended) throw new Error(`the commit ended before the kill: ${ended}`);
      return (await count('children', { importBatchId: uploadId })) >= 150;
    },
    'the import to be under way',
    180_000,
  );
  await killAndRestart('while imports.commit was writing rows');
  await committing;

  const rows = await all<{ _id: string; idNumber?: string }>('children', { importBatchId: uploadId });
  const ids = rows.map((r) => r._id);
  const signed = rows.filter((r) => r.idNumber).length;
  expect(rows.length).toBeGreaterThanOrEqual(150);
  expect(rows.length).toBeLessThan(2000);
  expect(rows.length % 50).toBe(0);
  expect(await ofChildren('auditLog', ids, { action: 'imports.commit' })).toBe(rows.length);
  expect(await ofChildren('archiveHistory', ids)).toBe(rows.length + signed);
  expect(await ofChildren('consents', ids)).toBe(signed);
  expect(await ofChildren('contactCards', ids)).toBe(signed);
  log.checked(`${rows.length} rows survived the kill, each whole (child, history, ${signed} consents and cards) with its audit entry`);

  // once the lease has run out, committing again goes on where it stopped
  const answers: { remaining: number; created: number }[] = [];
  do answers.push(await must(emu.url, DEMO.admin, 'imports.commit', { uploadId }, later(5)));
  while (answers[answers.length - 1].remaining > 0 && answers.length < 40);
  expect(answers[answers.length - 1]).toMatchObject({ created: 2000, remaining: 0 });
  const done = (await all<{ _id: string }>('children', { importBatchId: uploadId })).map((r) => r._id);
  expect(new Set(done).size).toBe(2000);
  expect(await ofChildren('auditLog', done, { action: 'imports.commit' })).toBe(2000);
  expect(await ofChildren('consents', done)).toBe(1000);
  log.checked(`resumed: 2000 rows, 2000 audit entries, 1000 consents, no row twice (in ${answers.length} more calls)`);
});

test('during a burst of bookings: every series whole (calls, slot locks, audit entry), no lock without its call', async () => {
  const children = ['demo-child-01', 'demo-child-02', 'demo-child-03', 'demo-child-04', 'demo-child-05'];
  const parents = await Promise.all(
    children.map(async (childId) => {
      const res = await db()
        .collection('bindings')
        .add({
          openid: `parent-of-${childId}`,
          role: 'parent',
          schoolId: 'demo-school',
          classId: 'demo-class-3-1',
          childId,
          communityId: null,
          label: '家长',
          createdAt: NOW,
          revokedAt: null,
        });
      return res.id as string;
    }),
  );
  const devices = (await db().collection('rooms').where({ schoolId: 'demo-school' }).get()).data[0].devices.map((d: { id: string }) => d.id) as string[];
  const bookings = children.flatMap((childId, i) =>
    [1, 3, 5].map((weekday) => ({
      childId,
      deviceId: devices[i % devices.length],
      weekday,
      time: `${String(9 + Math.floor(i / 5) * 2).padStart(2, '0')}:00`,
      minutes: 30,
      startDate: '2027-03-08',
      weeks: 6,
      parentBindingIds: [parents[i]],
    })),
  );
  const burst = Promise.all(bookings.map((b) => api(emu.url, DEMO.admin, 'familyCalls.book', b, NOW).catch(() => null)));
  await until(async () => (await count('familyCallSeries')) >= 3, 'bookings to land');
  await killAndRestart(`during a burst of ${bookings.length} bookings`);
  await burst;

  const series = await all<{ _id: string; childId: string }>('familyCallSeries', {});
  const calls = await all<{ _id: string; seriesId: string }>('familyCalls', {});
  const locks = await all<{ _id: string; occurrenceId: string }>('slotLocks', {});
  const callIds = new Set(calls.map((c) => c._id));
  for (const s of series) expect([s._id, calls.filter((c) => c.seriesId === s._id).length]).toEqual([s._id, 6]);
  expect(calls.every((c) => series.some((s) => s._id === c.seriesId))).toBe(true);
  expect(locks.filter((l) => !callIds.has(l.occurrenceId))).toEqual([]);
  for (const c of calls) expect([c._id, locks.filter((l) => l.occurrenceId === c._id).length]).toEqual([c._id, 4]);
  expect(await count('auditLog', { action: 'familyCalls.book' })).toBe(series.length);
  log.checked(`${series.length} of ${bookings.length} bookings stored, each with its 6 calls, 4 slot locks a call and its audit entry; no orphan lock or call`);

  // what did not land can be booked again
  const again: Awaited<ReturnType<typeof api>>[] = [];
  for (let i = 0; i < bookings.length; i += 5)
    again.push(...(await Promise.all(bookings.slice(i, i + 5).map((b) => api(emu.url, DEMO.admin, 'familyCalls.book', b, NOW)))));
  const refused = again.flatMap((r) => (r.ok ? [] : [(r.error ?? r) as { code: string }]));
  expect(refused.map((e) => e.code)).toEqual(Array(series.length).fill('CONFLICT'));
  expect(again.filter((r) => r.ok).length + series.length).toBe(bookings.length);
  log.checked('after the restart the bookings not stored go through; those stored are refused as taken');
});

test('during a reminder delivery run: no reminder sent twice, and the outbox resumes', async () => {
  await must(
    emu.url,
    DEMO.admin,
    'reminders.configure',
    {
      templates: { schedule: { id: 'TPL_S', fields: { thing1: 'title', time2: 'time', name3: 'child', thing4: 'note' }, longTerm: true } },
    },
    NOW,
  );
  const people = Array.from({ length: 6 }, (_, k) => `wx-person-${k}`);
  for (const p of people) await must(emu.url, p, 'reminders.subscribe', { results: { TPL_S: 'accept' } }, NOW);
  // WeChat answers slowly: the run is still sending when it is killed
  for (const p of people) await fetch(`${emu.url}/_emulator/wx/delay`, { method: 'POST', body: JSON.stringify({ openid: p, ms: 150 }) });
  const drafts: ReminderDraft[] = people.flatMap((to) =>
    Array.from({ length: 20 }, (_, i) => ({
      kind: 'familyCall.soon',
      to,
      role: 'parent' as const,
      subject: `call-${i}`,
      occurrence: NOW.toISOString(),
      template: 'schedule' as const,
      fields: { title: '亲情视频', time: NOW, child: '林小禾', note: `第 ${i} 条` },
      title: '亲情视频',
      body: `第 ${i} 条提醒`,
      page: `areas/family-calls/pages/next/index?id=call-${i}`,
      at: NOW,
    })),
  );
  await remind(db(), drafts, NOW);
  const run = fire(emu.url, 'quarterHour', later(1)).catch(() => null);
  await until(async () => wxMessages(emu.dataDir).length >= 20, 'sends to begin');
  await killAndRestart('in the middle of a delivery run (WeChat answering slowly)');
  await run;
  const before = wxMessages(emu.dataDir).length;

  // the next runs, after the lease of the dead run
  for (const minutes of [15, 30, 45, 60]) await fire(emu.url, 'quarterHour', later(minutes));
  const messages = wxMessages(emu.dataDir);
  const key = (m: { touser: string; page: string | null }) => `${m.touser}|${m.page}`;
  const perReminder = new Map<string, number>();
  for (const m of messages) perReminder.set(key(m), (perReminder.get(key(m)) ?? 0) + 1);
  expect([...perReminder.values()].every((n) => n === 1)).toBe(true);
  const outbox = await all<{ status: string; lastErrcode: number | null; to: string; page: string }>('outbox', { to: db().command.in(people) });
  expect(outbox).toHaveLength(drafts.length);
  expect(outbox.filter((e) => e.status === 'pending' || e.status === 'sending')).toEqual([]);
  const sent = outbox.filter((e) => e.status === 'sent');
  const unknown = outbox.filter((e) => e.status === 'failed' && e.lastErrcode === -2);
  expect(sent.length + unknown.length).toBe(drafts.length);
  expect(unknown.length).toBeLessThanOrEqual(8);
  expect(sent.every((e) => perReminder.get(`${e.to}|${e.page}`) === 1)).toBe(true);
  log.checked(
    `${before} messages before the kill, ${messages.length} after the runs that followed: each of ${drafts.length} reminders at most once; ${sent.length} sent, ${unknown.length} whose send the kill cut off closed as unknown (not repeated), none left pending`,
  );
});

test('during a burst of audited writes: no change without its audit entry', async () => {
  const creates = Array.from({ length: 30 }, (_, i) =>
    api(
      emu.url,
      DEMO.teacher,
      'archive.create',
      { classId: 'demo-class-3-1', name: `新生${i}`, gender: 'female', birthDate: '2017-03-03', leftBehindType: 'both_away' },
      NOW,
    ).catch(() => null),
  );
  await until(async () => (await count('children', { birthDate: '2017-03-03' })) >= 3, 'pupils to be added');
  await killAndRestart('during 30 concurrent archive.create');
  await Promise.all(creates);
  const added = await all<{ _id: string }>('children', { birthDate: '2017-03-03' });
  const ids = added.map((c) => c._id);
  expect(await ofChildren('auditLog', ids, { action: 'archive.create' })).toBe(added.length);
  expect(await ofChildren('archiveHistory', ids)).toBe(added.length);
  log.checked(`${added.length} of 30 pupils added before the kill, each with its history and audit entry`);
});
