/**
 * Archive, contact card, history, guardian alerts, care network and the roster: through the real SDK into the
 * emulator, as the pages call them.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { makeId } from './helpers';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { CardInput } from '../../typings/actions/archive';
import { CLASS_60, seedSixtyChildClass } from './fixtures';

let env: TestEmulator;
const db = () => env.app.database();

async function ok<A extends ActionName>(openid: string, action: A, input: ActionInput<A>, now?: Date): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input, now);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

async function consent(childId: string) {
  await ok(DEMO.teacher, 'consent.record', {
    childId,
    decision: 'granted',
    noticeVersion: PRIVACY_NOTICE.version,
    method: 'paper',
    signerName: '林大山',
    signerRelation: '父亲',
  });
}

const count = async (collection: string, where: Record<string, unknown>) => (await db().collection(collection).where(where).count()).total;

const grandma = {
  name: '林奶奶',
  relation: '祖母',
  occupation: '务农',
  address: '青山村五组',
  phone: '13900000001',
  health: '高血压',
  age: 66,
  capable: true,
};
const card = (over: Partial<CardInput> = {}): CardInput => ({
  parents: [
    {
      name: '林大山',
      relation: '父亲',
      phone: '13800000001',
      workCity: '东莞',
      workUnit: '东莞某电子厂',
      workAddress: '长安镇工业园',
      workPhone: '0769-88888888',
    },
    { name: '王芳', relation: '母亲', phone: '13800000002', workCity: '深圳', workUnit: null, workAddress: null, workPhone: null },
  ],
  guardian: grandma,
  emergency: { name: '林小山', relation: '叔叔', phone: '13700000003' },
  ...over,
});

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  // a second teacher of the school (五年级), who will become 陈一诺's mentor
  await db().collection('bindings').add({
    _id: 'b-teacher-wang',
    openid: 'teacher-wang',
    role: 'teacher',
    schoolId: 'demo-school',
    classId: 'demo-class-5-1',
    childId: null,
    communityId: null,
    title: 'subject',
    label: '五年级(1)班 教师',
    createdAt: new Date(),
    revokedAt: null,
  });
}, 60000);
afterAll(() => env.stop());

describe('archive edits', () => {
  test('without guardian consent nothing is stored', async () => {
    const res = await env.api(DEMO.teacher, 'archive.update', {
      childId: 'demo-child-02',
      expectedVersion: 0,
      changes: { address: '青山村' },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    const card = await env.api(DEMO.teacher, 'contactCards.save', { childId: 'demo-child-02', expectedVersion: 0, ...card0() });
    expect(card).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect((await db().collection('children').doc('demo-child-02').get()).data[0]).not.toHaveProperty('address');
    expect(await count('archiveHistory', { childId: 'demo-child-02' })).toBe(0);
    expect(await count('contactCards', { childId: 'demo-child-02' })).toBe(0);
  });

  test('after consent: versioned edits with a field-level history; a stale or repeated edit is a CONFLICT', async () => {
    await consent('demo-child-01');
    const id = makeId('2017-09-12', 'female');
    const first = await ok(DEMO.teacher, 'archive.update', {
      childId: 'demo-child-01',
      expectedVersion: 0,
      changes: {
        idNumber: id,
        address: '青山村五组二十一号',
        hobbies: '画画、跳绳',
        difficulties: ['economic'],
        difficultyNote: '父亲工伤，家庭收入低',
      },
    });
    expect(first).toEqual({ version: 1, changed: ['idNumber', 'address', 'hobbies', 'difficulties', 'difficultyNote'], alert: null });

    const again = await env.api(DEMO.teacher, 'archive.update', {
      childId: 'demo-child-01',
      expectedVersion: 0,
      changes: {
        idNumber: id,
        address: '青山村五组二十一号',
        hobbies: '画画、跳绳',
        difficulties: ['economic'],
        difficultyNote: '父亲工伤，家庭收入低',
      },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const second = await ok(DEMO.admin, 'archive.update', {
      childId: 'demo-child-01',
      expectedVersion: 1,
      changes: { hobbies: '画画', focusSupport: { flag: true, reason: '家庭经济困难，需重点关注' } },
    });
    expect(second.version).toBe(2);
    const unchanged = await ok(DEMO.admin, 'archive.update', {
      childId: 'demo-child-01',
      expectedVersion: 2,
      changes: { hobbies: '画画' },
    });
    expect(unchanged).toEqual({ version: 2, changed: [], alert: null });

    const history = (await db().collection('archiveHistory').where({ childId: 'demo-child-01', target: 'archive' }).orderBy('version', 'asc').get()).data as {
      version: number;
      by: string;
      byLabel: string;
      changes: { field: string; from: unknown; to: unknown }[];
    }[];
    expect(history.map((h) => h.version)).toEqual([1, 2]);
    expect(history[0]).toMatchObject({ by: DEMO.teacher, byLabel: '三年级(1)班 班主任' });
    expect(history[1].changes).toEqual([
      { field: 'hobbies', from: '画画、跳绳', to: '画画' },
      { field: 'focusSupport.flag', from: null, to: true },
      { field: 'focusSupport.reason', from: null, to: '家庭经济困难，需重点关注' },
    ]);
    const stored = (await db().collection('children').doc('demo-child-01').get()).data[0];
    expect(stored).toMatchObject({
      archiveVersion: 2,
      hobbies: '画画',
      focusSupport: { flag: true, reason: '家庭经济困难，需重点关注' },
      updatedBy: DEMO.admin,
    });
  });

  test('bad input is refused in Chinese with the field, and writes nothing', async () => {
    const before = (await db().collection('children').doc('demo-child-01').get()).data[0] as { archiveVersion: number };
    const cases: [Record<string, unknown>, string][] = [
      [{ idNumber: '110105194912310021' }, 'changes.idNumber'],
      [{ idNumber: makeId('2017-09-13', 'female') }, 'idNumber'],
      [{ birthDate: '2017/09/12' }, 'changes.birthDate'],
      [{ leftBehindType: 'one_away_other_unable' }, 'otherParentUnableReason'],
      [{ vulnerableCategories: ['disabled'] }, 'disability'],
      [{ focusSupport: { flag: true } }, 'focusSupport.reason'],
      [{ address: '村'.repeat(5000) }, 'changes.address'],
      [{ schoolId: 'school-b' }, 'changes'],
      [{ gender: 'x' }, 'changes.gender'],
    ];
    for (const [changes, path] of cases) {
      const res = await env.api(DEMO.teacher, 'archive.update', {
        childId: 'demo-child-01',
        expectedVersion: before.archiveVersion,
        changes,
      } as never);
      expect(res.ok).toBe(false);
      if (res.ok) continue;
      expect({ changes, code: res.error.code }).toEqual({ changes, code: 'INVALID_INPUT' });
      expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.error.details?.map((d) => d.path)).toContain(path);
    }
    expect((await db().collection('children').doc('demo-child-01').get()).data[0]).toMatchObject({ archiveVersion: before.archiveVersion });
  });

  test('who may edit: the class teacher and admin; not a parent, a community worker, a student or another school', async () => {
    for (const who of [DEMO.parent, DEMO.guardian, DEMO.community, DEMO.student, OTHER.teacher, OTHER.admin]) {
      const res = await env.api(who, 'archive.update', { childId: 'demo-child-01', expectedVersion: 2, changes: { hobbies: '篮球' } });
      expect({ who, code: res.ok ? 'OK' : res.error.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
  });

  test('a pupil joins the roster with the roster fields only; twice is a conflict', async () => {
    const created = await ok(DEMO.teacher, 'archive.create', {
      classId: 'demo-class-3-1',
      name: '赵小北',
      gender: 'male',
      birthDate: '2017-06-01',
      leftBehindType: 'both_away',
    });
    const stored = (await db().collection('children').doc(created.childId).get()).data[0];
    expect(stored).toMatchObject({
      name: '赵小北',
      schoolId: 'demo-school',
      communityId: 'demo-community-qingshan',
      archiveVersion: 1,
      deletedAt: null,
    });
    expect(
      await env.api(DEMO.teacher, 'archive.create', {
        classId: 'demo-class-3-1',
        name: '赵小北',
        gender: 'male',
        birthDate: '2017-06-01',
        leftBehindType: 'both_away',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await env.api(DEMO.teacher, 'archive.create', {
        classId: 'demo-class-3-2',
        name: '钱小南',
        gender: 'male',
        birthDate: '2017-06-01',
        leftBehindType: 'both_away',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('the same pupil added twenty times at once is stored once; every other answer is a CONFLICT', async () => {
    const input = {
      classId: 'demo-class-3-1',
      name: '卫小同',
      gender: 'male',
      birthDate: '2017-05-05',
      leftBehindType: 'both_away',
    } as const;
    const answers = await Promise.all(Array.from({ length: 20 }, () => env.api(DEMO.teacher, 'archive.create', input)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(Array(19).fill('CONFLICT'));
    expect(await count('children', { classId: 'demo-class-3-1', name: '卫小同' })).toBe(1);
  });

  test('a new pupil comes back with the version it starts at and the archive as saved: the first edit names that version', async () => {
    const created = await ok(DEMO.teacher, 'archive.create', {
      classId: 'demo-class-3-1',
      name: '冯小溪',
      gender: 'female',
      birthDate: '2017-08-08',
      leftBehindType: 'both_away',
    });
    expect(created).toMatchObject({
      version: 1,
      child: {
        _id: created.childId,
        name: '冯小溪',
        gender: 'female',
        birthDate: '2017-08-08',
        leftBehindType: 'both_away',
        classId: 'demo-class-3-1',
      },
    });
    await consent(created.childId);
    const edit = await ok(DEMO.teacher, 'archive.update', {
      childId: created.childId,
      expectedVersion: created.version,
      changes: { hobbies: '唱歌' },
    });
    expect(edit).toEqual({ version: created.version + 1, changed: ['hobbies'], alert: null });
  });
});

function card0(): CardInput {
  return card();
}

describe('contact card, masking and history', () => {
  test('the card is validated as a whole: phones, required names, unknown fields', async () => {
    const bad: [Partial<CardInput> & Record<string, unknown>, string][] = [
      [{ guardian: { ...grandma, phone: '1390000000' } }, 'guardian.phone'],
      [
        {
          parents: [{ name: '', relation: '父亲', phone: '13800000001', workCity: null, workUnit: null, workAddress: null, workPhone: null }],
        },
        'parents.0.name',
      ],
      [{ emergency: { name: '林小山', relation: '叔叔', phone: '110' } }, 'emergency.phone'],
      [{ guardian: { ...grandma, age: 300 } }, 'guardian.age'],
      [{ guardian: { ...grandma, openid: 'x' } as never }, 'guardian'],
    ];
    for (const [over, path] of bad) {
      const res = await env.api(DEMO.teacher, 'contactCards.save', {
        childId: 'demo-child-01',
        expectedVersion: 0,
        ...card(over),
      } as never);
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.details?.map((d) => d.path)).toContain(path);
    }
    expect(await count('contactCards', { childId: 'demo-child-01' })).toBe(0);
  });

  test('each role sees the child its own way; students see nothing', async () => {
    expect((await ok(DEMO.teacher, 'contactCards.save', { childId: 'demo-child-01', expectedVersion: 0, ...card() })).version).toBe(1);
    const teacher = await ok(DEMO.teacher, 'children.get', { childId: 'demo-child-01' });
    expect(teacher.contactCard?.parents[0]).toMatchObject({ phone: '13800000001', workPhone: '0769-88888888' });
    expect(teacher.child.idNumber).toMatch(/^410\*+/);
    expect(teacher.child.difficulties).toEqual(['economic']);
    expect(teacher.canEdit).toBe(true);
    expect(teacher.consent.status).toBe('granted');
    expect(teacher.completeness).toMatchObject({ archived: true });
    expect(teacher.history?.[0]).toMatchObject({ target: 'contactCard', by: '三年级(1)班 班主任' });

    const admin = await ok(DEMO.admin, 'children.get', { childId: 'demo-child-01' });
    expect(admin.child.idNumber).toBe(makeId('2017-09-12', 'female'));

    for (const who of [DEMO.parent, DEMO.guardian]) {
      const family = await ok(who, 'children.get', { childId: 'demo-child-01' });
      expect(family.contactCard?.guardian).toMatchObject({ name: '林奶奶', phone: '13900000001' });
      expect(family.child).not.toHaveProperty('difficulties');
      expect(family.child).not.toHaveProperty('focusSupport');
      expect(family.child).not.toHaveProperty('difficultyNote');
      expect(family.history).toBeNull();
      expect(family.completeness).toBeNull();
      expect(family.canEdit).toBe(false);
      expect(JSON.stringify(family)).not.toContain('重点关注');
    }
    const community = await ok(DEMO.community, 'children.get', { childId: 'demo-child-01' });
    expect(community.contactCard?.parents[1].phone).toBe('13800000002');
    expect(community.canEdit).toBe(false);
    expect(await env.api(DEMO.student, 'children.get', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.student, 'archive.history', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.parent, 'archive.history', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('history shows who changed what, with values masked for the reader; every read is audited with the card fields', async () => {
    const changed = await ok(DEMO.teacher, 'contactCards.save', {
      childId: 'demo-child-01',
      expectedVersion: 1,
      ...card({ emergency: { name: '林小山', relation: '叔叔', phone: '13700000009' } }),
    });
    expect(changed).toMatchObject({ version: 2, changed: ['emergency'] });
    const asTeacher = await ok(DEMO.teacher, 'archive.history', { childId: 'demo-child-01', limit: 50 });
    const cardChange = asTeacher.entries.find((e) => e.version === 2 && e.target === 'contactCard')!;
    expect(cardChange.changes).toEqual([{ field: 'emergency.phone', label: '紧急联系人·电话', from: '13700000003', to: '13700000009' }]);
    const idChange = asTeacher.entries.find((e) => e.target === 'archive' && e.version === 1)!.changes.find((c) => c.field === 'idNumber')!;
    expect(idChange.to).toMatch(/^410\*+/);
    const asAdmin = await ok(DEMO.admin, 'archive.history', { childId: 'demo-child-01', limit: 2 });
    expect(asAdmin.entries).toHaveLength(2);
    expect(asAdmin.next).not.toBeNull();
    const older = await ok(DEMO.admin, 'archive.history', { childId: 'demo-child-01', limit: 50, before: asAdmin.next! });
    expect(older.entries.find((e) => e.target === 'archive' && e.version === 1)!.changes.find((c) => c.field === 'idNumber')!.to).toBe(
      makeId('2017-09-12', 'female'),
    );

    await ok(DEMO.guardian, 'children.get', { childId: 'demo-child-01' });
    const log = await ok(DEMO.admin, 'audit.list', { schoolId: 'demo-school', childId: 'demo-child-01', openid: DEMO.guardian });
    expect(log.entries[0]).toMatchObject({ kind: 'read', action: 'children.get' });
    expect(log.entries[0].fields).toEqual(expect.arrayContaining(['name', 'contactCard.parents', 'contactCard.guardian']));
    expect(log.entries[0].fields).not.toContain('difficulties');
    const changes = await ok(DEMO.admin, 'audit.list', { schoolId: 'demo-school', childId: 'demo-child-01', openid: DEMO.teacher });
    expect(changes.entries.find((e) => e.kind === 'change' && e.action === 'contactCards.save')?.fields).toEqual(['contactCard.emergency']);
  });

  test('a stale card is a CONFLICT; the last writer does not overwrite silently', async () => {
    const res = await env.api(DEMO.admin, 'contactCards.save', { childId: 'demo-child-01', expectedVersion: 1, ...card() });
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const both = await Promise.all(
      [1, 2].map((n) =>
        env.api(DEMO.teacher, 'contactCards.save', {
          childId: 'demo-child-01',
          expectedVersion: 2,
          ...card({ emergency: { name: `联系人${n}`, relation: '叔叔', phone: '13700000009' } }),
        }),
      ),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect((await db().collection('contactCards').doc('demo-child-01').get()).data[0]).toMatchObject({ version: 3 });
    expect(await count('archiveHistory', { childId: 'demo-child-01', target: 'contactCard' })).toBe(3);
  });
});

describe('guardian alert (不满十六周岁不得单独居住)', () => {
  test('a card without a capable guardian raises one alert; fixing it resolves it; the admin lists and resolves', async () => {
    await consent('demo-child-03');
    const saved = await ok(DEMO.teacher, 'contactCards.save', {
      childId: 'demo-child-03',
      expectedVersion: 0,
      ...card({ guardian: null }),
    });
    expect(saved.alert).toBe('raised');
    const again = await ok(DEMO.teacher, 'contactCards.save', {
      childId: 'demo-child-03',
      expectedVersion: 1,
      ...card({ guardian: { ...grandma, capable: false } }),
    });
    expect(again.alert).toBeNull();
    expect(await count('alerts', { childId: 'demo-child-03', resolvedAt: null })).toBe(1);

    const list = await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school' });
    const alert = list.alerts.find((a) => a.childId === 'demo-child-03')!;
    expect(alert.message).toMatch(/陈一诺（\d+岁）没有具有照护能力的监护人/);
    expect(await env.api(DEMO.teacher, 'alerts.list', { schoolId: 'demo-school' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(OTHER.admin, 'alerts.list', { schoolId: 'demo-school' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const detail = await ok(DEMO.teacher, 'children.get', { childId: 'demo-child-03' });
    expect(detail.alerts).toHaveLength(1);

    const fixed = await ok(DEMO.teacher, 'contactCards.save', { childId: 'demo-child-03', expectedVersion: 2, ...card() });
    expect(fixed.alert).toBe('resolved');
    expect((await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school' })).alerts.some((a) => a.childId === 'demo-child-03')).toBe(false);

    // becoming left-behind with a 15-year-old guardian raises it again through the archive
    await ok(DEMO.teacher, 'contactCards.save', {
      childId: 'demo-child-03',
      expectedVersion: 3,
      ...card({ guardian: { ...grandma, age: 15, name: '陈大哥', relation: '哥哥' } }),
    });
    const open = (await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school' })).alerts.find((a) => a.childId === 'demo-child-03')!;
    expect(await env.api(DEMO.teacher, 'alerts.resolve', { alertId: open.id, resolution: '已落实' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(OTHER.admin, 'alerts.resolve', { alertId: open.id, resolution: '已落实' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.admin, 'alerts.resolve', { alertId: open.id, resolution: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await ok(DEMO.admin, 'alerts.resolve', { alertId: open.id, resolution: '已联系父亲，母亲下月返乡照护' });
    expect(await env.api(DEMO.admin, 'alerts.resolve', { alertId: open.id, resolution: '再次处理' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const resolved = await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school', status: 'resolved' });
    expect(resolved.alerts.find((a) => a.id === open.id)).toMatchObject({ resolution: '已联系父亲，母亲下月返乡照护' });
  });

  test('an archive change can raise it too: a child becomes left-behind while the card has no guardian', async () => {
    await consent('demo-child-04');
    await ok(DEMO.teacher, 'contactCards.save', { childId: 'demo-child-04', expectedVersion: 0, ...card({ guardian: null }) });
    expect(await count('alerts', { childId: 'demo-child-04' })).toBe(0); // not left-behind (yet)
    const res = await ok(DEMO.teacher, 'archive.update', {
      childId: 'demo-child-04',
      expectedVersion: 0,
      changes: { leftBehindType: 'both_away' },
    });
    expect(res).toMatchObject({ version: 1, alert: 'raised' });
    const back = await ok(DEMO.teacher, 'archive.update', {
      childId: 'demo-child-04',
      expectedVersion: 1,
      changes: { leftBehindType: 'not_left_behind' },
    });
    expect(back.alert).toBe('resolved');
    expect(await count('alerts', { childId: 'demo-child-04', resolvedAt: null })).toBe(0);
  });

  test('a non-left-behind child raises none', async () => {
    expect(
      (
        await ok(DEMO.teacher, 'contactCards.save', {
          childId: 'demo-child-04',
          expectedVersion: 1,
          ...card({ guardian: null, emergency: null }),
        })
      ).alert,
    ).toBeNull();
    expect(await count('alerts', { childId: 'demo-child-04', resolvedAt: null })).toBe(0);
    const older = await ok(DEMO.admin, 'archive.update', {
      childId: 'demo-child-10',
      expectedVersion: 0,
      changes: { leftBehindType: 'both_away' },
    }).catch((e: Error) => e.message);
    expect(older).toMatch(/CONSENT_REQUIRED/);
  });
});

describe('monthly information round (信息更新)', () => {
  test('cards not confirmed this Beijing month are listed; a confirmation counts until the month ends', async () => {
    const nov30 = fromBeijing('2026-11-30 23:50');
    const dec1 = fromBeijing('2026-12-01 00:05');
    await ok(DEMO.teacher, 'contactCards.confirm', { childId: 'demo-child-01', expectedVersion: 3 }, nov30);
    const round = await ok(DEMO.teacher, 'contactCards.round', { classId: 'demo-class-3-1' }, nov30);
    expect(round.month).toBe('2026-11');
    expect(round.pending.map((p) => p.childId)).not.toContain('demo-child-01');
    expect(round.pending.find((p) => p.childId === 'demo-child-02')).toMatchObject({ hasCard: false, confirmedAt: null });
    expect(round.pending.map((p) => p.childId)).not.toContain('demo-child-04'); // not left-behind

    const december = await ok(DEMO.teacher, 'contactCards.round', { classId: 'demo-class-3-1' }, dec1);
    expect(december.month).toBe('2026-12');
    expect(december.pending.find((p) => p.childId === 'demo-child-01')).toMatchObject({ hasCard: true, confirmedAt: nov30.toISOString() });
    expect(await env.api(DEMO.teacher, 'contactCards.confirm', { childId: 'demo-child-01', expectedVersion: 2 }, dec1)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await env.api(DEMO.teacher, 'contactCards.confirm', { childId: 'demo-child-02', expectedVersion: 0 }, dec1)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await env.api(DEMO.teacher, 'contactCards.round', { classId: 'demo-class-3-2' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('care network (结对帮扶)', () => {
  test('a mentor pairing gives the teacher reach over exactly that child, until it ends', async () => {
    expect(await env.api('teacher-wang', 'children.get', { childId: 'demo-child-03' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const { pairingId } = await ok(DEMO.teacher, 'care.pair', {
      childId: 'demo-child-03',
      kind: 'mentor',
      teacherBindingId: 'b-teacher-wang',
      name: '王老师',
    });
    const binding = (await db().collection('bindings').where({ openid: 'teacher-wang', childId: 'demo-child-03' }).get()).data[0];
    expect(binding).toMatchObject({
      role: 'teacher',
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: 'demo-child-03',
      communityId: null,
      title: 'mentor',
      label: '陈一诺 帮扶教师',
      revokedAt: null,
    });

    const asMentor = await ok('teacher-wang', 'children.get', { childId: 'demo-child-03' });
    expect(asMentor).toMatchObject({ viewAs: 'teacher', care: { mentor: { name: '王老师', kindLabel: '帮扶教师' } } });
    expect(await env.api('teacher-wang', 'children.get', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api('teacher-wang', 'archive.roster', { classId: 'demo-class-3-1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    expect(
      await env.api(DEMO.teacher, 'care.pair', {
        childId: 'demo-child-03',
        kind: 'mentor',
        teacherBindingId: 'b-teacher-wang',
        name: '王老师',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const future = await env.api(DEMO.teacher, 'care.end', { pairingId, endDate: '2999-01-01' });
    expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await env.api(OTHER.teacher, 'care.end', { pairingId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await ok(DEMO.teacher, 'care.end', { pairingId });
    expect(await env.api('teacher-wang', 'children.get', { childId: 'demo-child-03' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await db().collection('bindings').doc(binding._id).get()).data[0].revokedAt).toBeInstanceOf(Date);
    expect(await env.api(DEMO.teacher, 'care.end', { pairingId })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const detail = await ok(DEMO.teacher, 'children.get', { childId: 'demo-child-03' });
    expect(detail.care.mentor).toBeNull();
    expect(detail.care.ended[0]).toMatchObject({ name: '王老师', endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // the notes name the days as people read them (Beijing time), not as they are stored
    expect(detail.history?.slice(0, 2).map((h) => h.note)).toEqual([
      expect.stringMatching(/^结束结对（\d{4}年\d{1,2}月\d{1,2}日）$/),
      expect.stringMatching(/^开始结对：帮扶教师 王老师（\d{4}年\d{1,2}月\d{1,2}日起）$/),
    ]);
    const [y, m, d] = detail.care.ended[0].endDate!.split('-').map(Number);
    expect(detail.history?.[0].note).toBe(`结束结对（${y}年${m}月${d}日）`);
  });

  test('buddies are pupils of the school; proxies are adults with a phone; forged ids are refused', async () => {
    await ok(DEMO.teacher, 'care.pair', {
      childId: 'demo-child-03',
      kind: 'buddy',
      buddyChildId: 'demo-child-04',
      startDate: '2026-09-01',
    });
    expect(await env.api(DEMO.teacher, 'care.pair', { childId: 'demo-child-03', kind: 'buddy', buddyChildId: 'demo-child-04' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await env.api(DEMO.teacher, 'care.pair', { childId: 'demo-child-03', kind: 'buddy', buddyChildId: OTHER.childId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await env.api(DEMO.teacher, 'care.pair', { childId: 'demo-child-03', kind: 'buddy', buddyChildId: 'demo-child-03' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(
      await env.api(DEMO.teacher, 'care.pair', {
        childId: 'demo-child-03',
        kind: 'mentor',
        teacherBindingId: 'no-such-binding',
        name: '李老师',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const otherTeacher = (await db().collection('bindings').where({ openid: OTHER.teacher }).get()).data[0]._id as string;
    expect(
      await env.api(DEMO.teacher, 'care.pair', {
        childId: 'demo-child-03',
        kind: 'mentor',
        teacherBindingId: otherTeacher,
        name: '李老师',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await env.api(DEMO.teacher, 'care.pair', {
        childId: 'demo-child-03',
        kind: 'proxy',
        proxyKind: 'caring_mother',
        name: '张阿姨',
        phone: '12345',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await env.api(DEMO.teacher, 'care.pair', {
        childId: 'demo-child-03',
        kind: 'buddy',
        buddyChildId: 'demo-child-02',
        startDate: '2999-01-01',
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await ok(DEMO.teacher, 'care.pair', {
      childId: 'demo-child-03',
      kind: 'proxy',
      proxyKind: 'caring_mother',
      name: '张阿姨',
      phone: '13600000006',
    });
    expect(
      await env.api(DEMO.teacher, 'care.pair', {
        childId: 'demo-child-03',
        kind: 'proxy',
        proxyKind: 'caring_mother',
        name: '张阿姨',
        phone: '13600000006',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const detail = await ok(DEMO.parent, 'children.get', { childId: 'demo-child-01' });
    expect(detail.care.buddies).toEqual([]);
    const teacher = await ok(DEMO.teacher, 'children.get', { childId: 'demo-child-03' });
    expect(teacher.care.buddies).toEqual([expect.objectContaining({ name: '吴星辰', startDate: '2026-09-01', kindLabel: '手拉手好朋友' })]);
    expect(teacher.care.proxies).toEqual([expect.objectContaining({ name: '张阿姨', kindLabel: '爱心妈妈', phone: '13600000006' })]);
  });

  test("the pairing screen gets the school's teachers (one entry per person) and the classmates in one call", async () => {
    const c = await ok(DEMO.teacher, 'care.candidates', { childId: 'demo-child-02' });
    expect(c.teachers.map((t) => t.bindingId)).toContain('b-teacher-wang');
    expect(c.teachers.some((t) => t.label.includes('帮扶教师'))).toBe(false);
    expect(new Set(c.teachers.map((t) => t.label)).size).toBe(c.teachers.length);
    expect(c.teachers.some((t) => t.label.includes('四年级(1)班'))).toBe(false); // the other school's teacher
    expect(c.pupils.map((p) => p.childId)).not.toContain('demo-child-02');
    expect(c.pupils.find((p) => p.childId === 'demo-child-04')).toMatchObject({ name: '吴星辰', leftBehind: false });
    expect(await env.api(DEMO.parent, 'care.candidates', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('coverage lists the left-behind children without a mentor or a buddy', async () => {
    await ok(DEMO.teacher, 'care.pair', { childId: 'demo-child-01', kind: 'mentor', teacherBindingId: 'b-teacher-wang', name: '王老师' });
    await ok(DEMO.teacher, 'care.pair', { childId: 'demo-child-01', kind: 'buddy', buddyChildId: 'demo-child-04' });
    // a mentor reaches the one child, not the class: no classmates for them
    const asMentor = await ok('teacher-wang', 'care.candidates', { childId: 'demo-child-01' });
    expect(asMentor.pupils).toEqual([]);
    const cover = await ok(DEMO.teacher, 'care.coverage', { classId: 'demo-class-3-1' });
    const byId = new Map(cover.uncovered.map((u) => [u.childId, u]));
    expect(byId.has('demo-child-01')).toBe(false);
    expect(byId.get('demo-child-03')).toMatchObject({ noMentor: true, noBuddy: false, className: '三年级(1)班' });
    expect(byId.get('demo-child-02')).toMatchObject({ noMentor: true, noBuddy: true });
    expect(byId.has('demo-child-04')).toBe(false); // not left-behind
    const school = await ok(DEMO.admin, 'care.coverage', { schoolId: 'demo-school' });
    expect(school.uncovered.map((u) => u.childId)).toEqual(expect.arrayContaining(['demo-child-05', 'demo-child-09']));
    expect(await ok(DEMO.teacher, 'care.coverage', { schoolId: 'demo-school' })).toEqual({ total: 0, covered: 0, uncovered: [], more: 0 });
  });
});

describe('the roster', () => {
  const CLASS = CLASS_60;
  beforeAll(() => seedSixtyChildClass(env));

  test('a 60-child class loads in one call with a bounded number of database round trips', async () => {
    const { result, dbRequests } = await env.callFunction<{ ok: true; data: ActionOutput<'archive.roster'> }>(
      'api',
      { action: 'archive.roster', input: { classId: CLASS } },
      { openid: 'teacher-60' },
    );
    expect(result.ok).toBe(true);
    const data = result.data;
    expect(data.rows).toHaveLength(60);
    expect(dbRequests).toBeLessThanOrEqual(8);
    expect(JSON.stringify(data).length).toBeLessThan(30000);
    expect(data.stats).toMatchObject({
      total: 60,
      leftBehind: 45,
      archived: 30,
      archiveRate: 66.7,
      withoutMentor: 25,
      withoutBuddy: 45,
      focus: 6,
    });
    const row0 = data.rows.find((r) => r.id === 'c60-0')!;
    expect(row0).toMatchObject({
      focus: true,
      difficulties: ['economic'],
      consent: 'granted',
      mentor: '李老师',
      archived: true,
      cardConfirmed: true,
    });
    const row59 = data.rows.find((r) => r.id === 'c60-59')!;
    expect(row59.missing).toEqual(expect.arrayContaining(['监护人同意', '家庭住址', '父母联系方式']));
    expect(JSON.stringify(data)).not.toContain('13800000001');
    expect(JSON.stringify(data)).not.toContain('经济困难');
    // the read is audited, one entry per child
    expect(await count('auditLog', { action: 'archive.roster', openid: 'teacher-60' })).toBe(60);
  });

  test('without a classId the teacher gets their own class; others are refused', async () => {
    const mine = await ok(DEMO.teacher, 'archive.roster', {});
    expect(mine.schoolClass.name).toBe('三年级(1)班');
    expect(mine.classes.map((c) => c.name)).toEqual(['三年级(1)班']);
    const admin = await ok(DEMO.admin, 'archive.roster', { classId: CLASS });
    expect(admin.classes.length).toBeGreaterThanOrEqual(4);
    for (const [who, classId] of [
      [DEMO.teacher, CLASS],
      [DEMO.teacher, OTHER.classId],
      [DEMO.admin, OTHER.classId],
      [DEMO.parent, 'demo-class-3-1'],
      [DEMO.student, 'demo-class-3-1'],
      [DEMO.community, 'demo-class-3-1'],
      [DEMO.teacher, 'no-such-class'],
    ] as const) {
      const res = await env.api(who, 'archive.roster', { classId });
      expect({ who, classId, code: res.ok ? 'OK' : res.error.code }).toEqual({ who, classId, code: 'FORBIDDEN' });
    }
  });
});

describe('care.coverage of a big school', () => {
  test('lists the first 100 uncovered children class by class and counts the rest, within a screen payload', async () => {
    const now = new Date();
    await db().collection('schools').add({ _id: 'coverage-school', name: '大镇中心小学', createdAt: now });
    await db()
      .collection('classes')
      .add(['甲', '乙'].map((n, i) => ({ _id: `coverage-class-${i}`, schoolId: 'coverage-school', grade: 4, name: `四年级(${n})班`, archivedAt: null })));
    await db().collection('bindings').add({
      openid: 'coverage-admin',
      role: 'admin',
      schoolId: 'coverage-school',
      classId: null,
      childId: null,
      communityId: null,
      label: '大镇中心小学',
      createdAt: now,
      revokedAt: null,
    });
    await db()
      .collection('children')
      .add(
        Array.from({ length: 130 }, (_, i) => ({
          _id: `coverage-child-${String(i).padStart(3, '0')}`,
          // the second class's children first: the list still starts with the first class
          classId: `coverage-class-${i < 70 ? 1 : 0}`,
          schoolId: 'coverage-school',
          name: `学生${i}`,
          gender: 'male',
          birthDate: '2016-01-01',
          leftBehindType: i % 13 === 0 ? 'not_left_behind' : 'both_away',
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        })),
      );
    const res = await env.api('coverage-admin', 'care.coverage', { schoolId: 'coverage-school' });
    if (!res.ok) throw new Error(res.error.message);
    const leftBehind = 130 - 10;
    expect(res.data).toMatchObject({ total: leftBehind, covered: 0, more: leftBehind - 100 });
    expect(res.data.uncovered).toHaveLength(100);
    const classes = res.data.uncovered.map((u) => u.className);
    // 甲班: 60 children, 4 of them not left behind
    expect(classes.slice(0, 56)).toEqual(Array(56).fill('四年级(甲)班'));
    expect(classes.slice(56)).toEqual(Array(44).fill('四年级(乙)班'));
    expect(Buffer.byteLength(JSON.stringify(res))).toBeLessThan(32 * 1024);
  });
});

describe('alerts.list a page at a time', () => {
  test('pages newest first through alerts that share an instant, without losing or repeating one', async () => {
    const at = new Date('2026-10-01T08:00:00+08:00');
    await db()
      .collection('alerts')
      .add(
        Array.from({ length: 7 }, (_, i) => ({
          _id: `paged-alert-${i}`,
          schoolId: 'demo-school',
          classId: 'demo-class-3-1',
          childId: 'demo-child-01',
          kind: 'no_capable_guardian',
          message: `翻页预警${i}`,
          createdAt: new Date(at.getTime() + Math.floor(i / 3) * 60_000),
          createdBy: 'system',
          resolvedAt: null,
          resolvedBy: null,
          resolution: null,
        })),
      );
    const everyOpen = (await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school' })).alerts;
    expect(everyOpen.length).toBeGreaterThanOrEqual(7);
    const seen: string[] = [];
    let before: string | undefined;
    for (let pages = 0; pages < 20; pages++) {
      const page = await ok(DEMO.admin, 'alerts.list', { schoolId: 'demo-school', limit: 2, ...(before ? { before } : {}) });
      expect(page.alerts.length).toBeLessThanOrEqual(2);
      seen.push(...page.alerts.map((a) => a.id));
      if (!page.next) break;
      before = page.next;
    }
    expect(seen).toEqual(everyOpen.map((a) => a.id));
    const times = everyOpen.map((a) => a.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(everyOpen.find((a) => a.id === 'paged-alert-6')).toMatchObject({ childName: expect.any(String), message: '翻页预警6' });
  });

  test('a huge page or a forged cursor is refused in Chinese', async () => {
    expect(await env.api(DEMO.admin, 'alerts.list', { schoolId: 'demo-school', limit: 100000 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('每页最多 20 条') },
    });
    for (const before of ['forged', '2026-13-01T00:00:00.000Z|x', `${new Date().toISOString()}|../../x`, 'x'.repeat(500)]) {
      expect(await env.api(DEMO.admin, 'alerts.list', { schoolId: 'demo-school', before })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/翻页位置不正确/) },
      });
    }
  });
});
