/**
 * Decisions made from what a transaction read, with the faithful emulator (snapshot reads, only writes collide):
 * twenty at once must leave what one at a time would. A check that a transaction makes without writing what it
 * read (write skew), or a check-then-add whose adds do not collide, lets them through; each is closed by design.
 */
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { syncGuardianAlert } from '../../cloudfunctions/core/archive/store';
import type { Transaction } from '../../cloudfunctions/core/cloud';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { CardInput } from '../../cloudfunctions/core/archive/rules';

jest.setTimeout(120_000);

let env: TestEmulator;
const db = () => env.app.database();
const AT_ONCE = 20;

async function ok<A extends ActionName>(openid: string, action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

const guardian = (capable: boolean) => ({
  name: '林奶奶',
  relation: '祖母',
  occupation: null,
  address: null,
  phone: '13900000001',
  health: null,
  age: 66,
  capable,
});
const card = (capable: boolean): CardInput => ({
  parents: [{ name: '林大山', relation: '父亲', phone: '13800000001', workCity: '东莞', workUnit: null, workAddress: null, workPhone: null }],
  guardian: guardian(capable),
  emergency: { name: '林小山', relation: '叔叔', phone: '13700000003' },
});

/** A pupil of 三年级(1)班 with a signed consent (and the given situation), written as the app would have. */
async function pupil(id: string, leftBehindType: 'both_away' | 'not_left_behind', birthDate = '2017-05-05'): Promise<void> {
  const now = new Date();
  await db()
    .collection('children')
    .add({
      _id: id,
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      communityId: null,
      name: `竞态${id}`,
      gender: 'male',
      birthDate,
      lunarBirthday: null,
      leftBehindType,
      focusSupport: null,
      archiveVersion: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: DEMO.teacher,
      deletedAt: null,
    });
  await ok(DEMO.teacher, 'consent.record', {
    childId: id,
    decision: 'granted',
    noticeVersion: PRIVACY_NOTICE.version,
    method: 'paper',
    signerName: '林大山',
    signerRelation: '父亲',
  });
}

const openAlerts = async (childId: string) => (await db().collection('alerts').where({ childId, kind: 'no_capable_guardian', resolvedAt: null }).count()).total;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
}, 60_000);
afterAll(() => env.stop());

test('an archive change and a card save at once: the guardian alert follows both (no write skew)', async () => {
  const ids = Array.from({ length: AT_ONCE }, (_, k) => `skew-${k}`);
  for (const id of ids) {
    await pupil(id, 'not_left_behind');
    await ok(DEMO.teacher, 'contactCards.save', { childId: id, expectedVersion: 0, ...card(true) });
  }
  // Each alone would not need the alert (not left behind / a capable guardian); together they do.
  const results = await Promise.all(
    ids.flatMap((id) => [
      env.api(DEMO.teacher, 'archive.update', { childId: id, expectedVersion: 1, changes: { leftBehindType: 'both_away' } }),
      env.api(DEMO.teacher, 'contactCards.save', { childId: id, expectedVersion: 1, ...card(false) }),
    ]),
  );
  expect(results.filter((r) => !r.ok)).toEqual([]);
  for (const id of ids) expect(await openAlerts(id)).toBe(1);
});

test('twenty transactions raising the guardian alert of one child at once raise one', async () => {
  await pupil('alert-once', 'both_away');
  const child = (await db().collection('children').doc('alert-once').get()).data[0];
  const actor = { openid: DEMO.teacher, role: 'teacher' as const, label: null, action: 'contactCards.save', now: new Date() };
  const raised = await Promise.all(
    Array.from({ length: AT_ONCE }, () =>
      db()
        .runTransaction((tx: Transaction) => syncGuardianAlert(tx, child, { guardian: null }, actor))
        .catch((err: { code?: string }) => err.code),
    ),
  );
  expect(raised.filter((r) => typeof r === 'object' && r.change === 'raised').length).toBeGreaterThanOrEqual(1);
  expect(await openAlerts('alert-once')).toBe(1);
});

test('twenty mentors for one child at once: one; twenty buddies at once: at most three', async () => {
  await pupil('pair-mentor', 'both_away');
  const teachers = (await db().collection('bindings').where({ schoolId: 'demo-school', role: 'teacher', revokedAt: null, childId: null }).get()).data as {
    _id: string;
  }[];
  const mentors = await Promise.all(
    Array.from({ length: AT_ONCE }, (_, k) =>
      env.api(DEMO.teacher, 'care.pair', { childId: 'pair-mentor', kind: 'mentor', teacherBindingId: teachers[k % teachers.length]._id, name: `老师${k}` }),
    ),
  );
  expect(mentors.filter((r) => r.ok)).toHaveLength(1);
  expect(mentors.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
  expect((await db().collection('pairings').where({ childId: 'pair-mentor', kind: 'mentor', endedAt: null }).count()).total).toBe(1);
  expect((await db().collection('bindings').where({ childId: 'pair-mentor', title: 'mentor', revokedAt: null }).count()).total).toBe(1);

  const buddies = Array.from({ length: AT_ONCE }, (_, k) => `buddy-${k}`);
  for (const id of buddies) await pupil(id, 'not_left_behind');
  const paired = await Promise.all(buddies.map((b) => env.api(DEMO.teacher, 'care.pair', { childId: 'pair-mentor', kind: 'buddy', buddyChildId: b })));
  expect(paired.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
  const active = (await db().collection('pairings').where({ childId: 'pair-mentor', kind: 'buddy', endedAt: null }).count()).total;
  expect(active).toBe(paired.filter((r) => r.ok).length);
  expect(active).toBeLessThanOrEqual(3);
  expect(active).toBeGreaterThanOrEqual(1);
});

async function sheet(names: string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '性别', '出生日期', '留守类型']);
  names.forEach((n) => ws.addRow([n, '男', '2017-06-06', '父母均外出']));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

test('an import and twenty pupils added by hand at once into the same class: each pupil once', async () => {
  const names = Array.from({ length: AT_ONCE }, (_, k) => `同名${k}`);
  const { uploadId } = await ok(DEMO.admin, 'imports.upload', {
    schoolId: 'demo-school',
    classId: 'demo-class-3-2',
    fileName: '花名册.xlsx',
    seq: 0,
    total: 1,
    data: await sheet(names),
  });
  expect((await ok(DEMO.admin, 'imports.preview', { uploadId })).valid).toBe(AT_ONCE);
  const teacher32 = 'race-teacher-3-2';
  await db().collection('bindings').add({
    openid: teacher32,
    role: 'teacher',
    schoolId: 'demo-school',
    classId: 'demo-class-3-2',
    childId: null,
    communityId: null,
    label: '三年级(2)班 班主任',
    createdAt: new Date(),
    revokedAt: null,
  });
  const [commit, ...byHand] = await Promise.all([
    env.api(DEMO.admin, 'imports.commit', { uploadId }),
    ...names.map((name) =>
      env.api(teacher32, 'archive.create', { classId: 'demo-class-3-2', name, gender: 'male', birthDate: '2017-06-06', leftBehindType: 'both_away' }),
    ),
  ]);
  const pupils = (await db().collection('children').where({ classId: 'demo-class-3-2', birthDate: '2017-06-06', deletedAt: null }).limit(1000).get()).data as {
    name: string;
  }[];
  expect(pupils.map((p) => p.name).sort()).toEqual(
    [...new Set(pupils.map((p) => p.name))].sort(), // nobody twice
  );
  // Either the import went in whole (and every addition by hand was refused), or the additions that came first
  // stand and the import was refused; a refusal is a CONFLICT in Chinese, never an internal error.
  expect(byHand.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true);
  if (commit.ok) {
    expect(byHand.filter((r) => r.ok)).toHaveLength(0);
    expect(pupils).toHaveLength(AT_ONCE);
  } else {
    expect(commit).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(pupils).toHaveLength(byHand.filter((r) => r.ok).length);
  }
});
