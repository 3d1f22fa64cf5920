/**
 * The county tier: the county admin (县教育局) sees each school's counts and never a child (payload assertions),
 * its drill-down stops at the school, it creates schools and invites their admins through the ordinary invites;
 * a school without a county keeps working.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import type { RateCounts, RateView } from '../../typings/actions/dashboard';
import { buildSchool, D } from './fixture';
import { ratesOfTally } from '../../cloudfunctions/core/dashboard/rates';
import { docs, fails, ok } from '../talks/helpers';

let env: TestEmulator;
jest.setTimeout(60_000);

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  await buildSchool(env);
});
afterAll(() => env.stop());

const pairs = (counts: RateCounts) => Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, [c.numerator, c.denominator]]));
const counts = (rates: RateView[]) => Object.fromEntries(rates.map((r) => [r.key, [r.numerator, r.denominator]]));
const CHILD_NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六', '庚七', '辛八'];
const CHILD_IDS = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'm1'];

/** Every key anywhere in a payload. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(keysOf) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]) : [];

test("the county sees every school's counts, the same as the school's own, and no child", async () => {
  const county = await ok(env, D.countyAdmin, 'county.dashboard', {}, D.now);
  expect(county.county).toEqual({ countyId: D.county, name: '青溪县' });
  const own = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  const row = county.schools.find((s) => s.schoolId === D.school)!;
  expect(pairs(row.counts)).toEqual(counts(own.rates));
  expect(row.leftBehind).toBe(5);
  expect(ratesOfTally(row.counts).flatMap((r) => (r.met === false ? [r.key] : []))).toEqual([
    'archive',
    'vaccination',
    'parentEducation',
    'pairing',
    'contact',
    'talks',
    'visits',
  ]);
  const second = county.schools.find((s) => s.schoolId === D.school2)!;
  expect(pairs(second.counts)).toMatchObject({ archive: [0, 1], vaccination: [1, 1] });
  expect(counts(county.totals)).toMatchObject({ archive: [2, 6], vaccination: [3, 6] });
  // No child's name, id or field reaches the county.
  const text = JSON.stringify(county);
  for (const s of [...CHILD_NAMES, ...CHILD_IDS.map((id) => `"${id}"`)]) expect(text).not.toContain(s);
  expect(keysOf(county).filter((k) => /child|name/i.test(k) && k !== 'name')).toEqual([]);

  // The school's dashboard (counts per class) is the county's to open, with no child in it either.
  const school = await ok(env, D.countyAdmin, 'dashboard.school', { schoolId: D.school }, D.now);
  expect(counts(school.rates)).toEqual(counts(own.rates));
  const schoolText = JSON.stringify(school);
  for (const s of [...CHILD_NAMES, ...CHILD_IDS.map((id) => `"${id}"`)]) expect(schoolText).not.toContain(s);
});

test('the drill-down stops at the school: no children, no archive, no class, no other county', async () => {
  const refusals = await Promise.all([
    fails(env, D.countyAdmin, 'dashboard.children', { schoolId: D.school, rate: 'archive' }, D.now),
    fails(env, D.countyAdmin, 'dashboard.school', { classId: D.c1 }, D.now),
    fails(env, D.countyAdmin, 'children.get', { childId: 'k1' }, D.now),
    fails(env, D.countyAdmin, 'archive.roster', { classId: D.c1 }, D.now),
    fails(env, D.countyAdmin, 'dashboard.school', { schoolId: 'demo-school' }, D.now),
    fails(env, D.countyAdmin, 'county.dashboard', { countyId: 'demo-county' }, D.now),
    fails(env, D.admin, 'county.dashboard', {}, D.now),
  ]);
  for (const e of refusals) expect(e).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
});

test('a county creates a school and invites its admin; the admin runs it and sees only it', async () => {
  const created = await ok(env, D.countyAdmin, 'county.createSchool', { countyId: D.county, name: '青溪三小' }, D.now);
  expect((await docs(env, 'schools', { _id: created.schoolId }))[0]).toMatchObject({ name: '青溪三小', countyId: D.county });
  const audited = await docs(env, 'auditLog', { action: 'county.createSchool' });
  expect(audited).toHaveLength(1);
  expect(await fails(env, D.countyAdmin, 'county.createSchool', { countyId: D.county, name: '青溪三小' }, D.now)).toMatchObject({
    code: 'CONFLICT',
    message: '本县已有「青溪三小」',
  });
  expect((await fails(env, D.countyAdmin, 'county.createSchool', { countyId: D.county, name: '' }, D.now)).code).toBe('INVALID_INPUT');
  expect((await fails(env, D.countyAdmin, 'county.createSchool', { countyId: 'demo-county', name: '别县小学' }, D.now)).code).toBe('FORBIDDEN');
  expect(await docs(env, 'schools', { name: '别县小学' })).toEqual([]);

  const invite = await ok(env, D.countyAdmin, 'invites.create', { role: 'admin', schoolId: created.schoolId, label: '青溪三小 校长' }, D.now);
  expect((await fails(env, D.countyAdmin, 'invites.create', { role: 'teacher', schoolId: created.schoolId }, D.now)).code).toBe('FORBIDDEN');
  expect((await fails(env, D.countyAdmin, 'invites.create', { role: 'admin', schoolId: 'demo-school' }, D.now)).code).toBe('FORBIDDEN');
  const redeemed = await ok(env, 'new-head', 'invites.redeem', { code: invite.code }, D.now);
  expect(redeemed.role).toBe('admin');
  const fresh = await ok(env, 'new-head', 'dashboard.school', { schoolId: created.schoolId }, D.now);
  expect(fresh.rates.every((r) => r.denominator === 0 && r.rate === null && r.met === null)).toBe(true);
  expect((await fails(env, 'new-head', 'dashboard.school', { schoolId: D.school }, D.now)).code).toBe('FORBIDDEN');
  const county = await ok(env, D.countyAdmin, 'county.dashboard', {}, D.now);
  expect(county.schools.map((s) => s.schoolId).sort()).toEqual([D.school, D.school2, created.schoolId].sort());
});

test('a school without a county keeps working', async () => {
  const view = await ok(env, OTHER.admin, 'dashboard.school', { schoolId: OTHER.schoolId }, D.now);
  expect(counts(view.rates).archive).toEqual([0, 1]);
});
