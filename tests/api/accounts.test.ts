/**
 * Accounts, invitations, privacy: through the real SDK and the emulator, as the mini-program would call them.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { hashCode } from '../../cloudfunctions/core/codes';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';

let env: TestEmulator;
const db = () => env.app.database();
const DAY = 86400000;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  await db().collection('children').doc('demo-child-01').update({ idNumber: '110105201709120028', address: '青山村五组二十一号', health: '良好' });
});
afterAll(() => env.stop());

async function invite(by: string, input: Record<string, unknown>) {
  const res = await env.api(by, 'invites.create', input as never);
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  return res.data;
}

describe('invitations', () => {
  test('a teacher invites a parent of a child in their class; the parent redeems it and sees the child', async () => {
    const inv = await invite(DEMO.teacher, { role: 'parent', childId: 'demo-child-03', relation: '爸爸' });
    expect(inv.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(inv.label).toBe('陈一诺的爸爸');
    // Only the hash is stored.
    const stored = (await db().collection('invites').doc(inv.id).get()).data[0] as Record<string, unknown>;
    expect(JSON.stringify(stored)).not.toContain(inv.code.replace('-', ''));
    expect(stored.codeHash).toBe(hashCode(inv.code));

    const redeemed = await env.api('new-dad', 'invites.redeem', { code: inv.code.toLowerCase() });
    expect(redeemed).toMatchObject({ ok: true, data: { role: 'parent', label: '陈一诺的爸爸' } });
    const child = await env.api('new-dad', 'children.get', { childId: 'demo-child-03' });
    expect(child).toMatchObject({ ok: true, data: { viewAs: 'parent', child: { name: '陈一诺' } } });
  });

  test('a used code cannot be used again, by anyone', async () => {
    const inv = await invite(DEMO.teacher, { role: 'guardian', childId: 'demo-child-03', relation: '奶奶' });
    expect((await env.api('grandma-1', 'invites.redeem', { code: inv.code })).ok).toBe(true);
    const again = await env.api('grandma-2', 'invites.redeem', { code: inv.code });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await env.api('grandma-2', 'whoami', {})).ok && (await env.api('grandma-2', 'whoami', {}))).toMatchObject({
      data: { bindings: [] },
    });
  });

  test('two people redeeming the same code at once: exactly one gets the role', async () => {
    const inv = await invite(DEMO.teacher, { role: 'student', classId: 'demo-class-3-1' });
    const results = await Promise.all(['kid-a', 'kid-b', 'kid-c', 'kid-d'].map((o) => env.api(o, 'invites.redeem', { code: inv.code })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const bindings = await db().collection('bindings').where({ inviteId: inv.id }).get();
    expect(bindings.data).toHaveLength(1);
  });

  test('an expired code is refused (7 days by default)', async () => {
    const inv = await invite(DEMO.teacher, { role: 'parent', childId: 'demo-child-02', relation: '妈妈' });
    expect(new Date(inv.expiresAt).getTime() - new Date(inv.createdAt).getTime()).toBe(7 * DAY);
    const later = new Date(Date.now() + 7 * DAY + 60000);
    const res = await env.api('late-mum', 'invites.redeem', { code: inv.code }, later);
    expect(res).toMatchObject({ ok: false, error: { code: 'EXPIRED', message: expect.stringContaining('过期') } });
  });

  test('a revoked invite and an invite for a closed class are refused', async () => {
    const inv = await invite(DEMO.teacher, { role: 'parent', childId: 'demo-child-02', relation: '爸爸' });
    expect((await env.api(DEMO.teacher, 'invites.revoke', { inviteId: inv.id })).ok).toBe(true);
    expect(await env.api('dad-2', 'invites.redeem', { code: inv.code })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('撤销') },
    });

    const cls = await env.api(DEMO.admin, 'classes.create', { schoolId: 'demo-school', grade: 2, name: '二年级(3)班' });
    if (!cls.ok) throw new Error(cls.error.message);
    const forClass = await invite(DEMO.admin, { role: 'teacher', schoolId: 'demo-school', classId: cls.data.id, title: 'head' });
    const archived = await env.api(DEMO.admin, 'classes.archive', { classId: cls.data.id });
    expect(archived).toMatchObject({ ok: true, data: { revokedInvites: 1 } });
    const res = await env.api('teacher-new', 'invites.redeem', { code: forClass.code });
    expect(res.ok).toBe(false);
    expect((await env.api('teacher-new', 'whoami', {})) as unknown).toMatchObject({ data: { bindings: [] } });
  });

  test('guessing codes locks the caller out after 5 wrong tries, and a right code is refused while locked', async () => {
    const inv = await invite(DEMO.teacher, { role: 'student', classId: 'demo-class-3-1' });
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await env.api('guesser', 'invites.redeem', { code: `AAAA-AAA${i + 2}` });
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(r.error.code);
    }
    expect(messages).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'RATE_LIMITED']);
    expect(await env.api('guesser', 'invites.redeem', { code: inv.code })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Another person is not affected, and the code still works for them.
    expect((await env.api('honest-kid', 'invites.redeem', { code: inv.code })).ok).toBe(true);
    // The lock ends.
    const after = new Date(Date.now() + 31 * 60000);
    expect(await env.api('guesser', 'invites.redeem', { code: 'BBBB-BBBB' }, after)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  test('a teacher cannot invite teachers, nor parents of a child outside their class', async () => {
    expect(await env.api(DEMO.teacher, 'invites.create', { role: 'teacher', schoolId: 'demo-school' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.teacher, 'invites.create', { role: 'parent', childId: 'demo-child-05', relation: '妈妈' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.parent, 'invites.create', { role: 'parent', childId: 'demo-child-01', relation: '爸爸' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test("the school-wide lists of people and invites are the admin's; a teacher names their class, and meta.actions says so", async () => {
    for (const action of ['people.list', 'invites.list'] as const) {
      expect(await env.api(DEMO.teacher, action, { schoolId: 'demo-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await env.api(DEMO.teacher, action, { classId: 'demo-class-3-1' })).toMatchObject({ ok: true });
      expect(await env.api(DEMO.admin, action, { schoolId: 'demo-school' })).toMatchObject({ ok: true });
    }
    const meta = await env.api(DEMO.admin, 'meta.actions', {});
    const rules = meta.ok ? meta.data.actions.filter((a) => a.action === 'people.list' || a.action === 'invites.list') : [];
    expect(rules.map((r) => r.checks.map((c) => c.name))).toEqual([['schoolWideIsAdmin'], ['schoolWideIsAdmin']]);
  });

  test('a person can hold several roles: a teacher who is also a parent', async () => {
    const inv = await invite(DEMO.admin, { role: 'parent', childId: 'demo-child-05', relation: '妈妈' });
    expect((await env.api(DEMO.teacher, 'invites.redeem', { code: inv.code })).ok).toBe(true);
    const me = await env.api(DEMO.teacher, 'whoami', {});
    expect(me.ok && me.data.bindings.map((b) => b.role).sort()).toEqual(['parent', 'teacher']);
    // As a parent they see their own child of another class, with the family view.
    expect(await env.api(DEMO.teacher, 'children.get', { childId: 'demo-child-05' })).toMatchObject({
      ok: true,
      data: { viewAs: 'parent' },
    });
  });

  test('admin lists people and revokes a role; the revoked person loses access at once', async () => {
    const people = await env.api(DEMO.admin, 'people.list', { schoolId: 'demo-school' });
    expect(people.ok && people.data.people.find((p) => p.openid === DEMO.guardian && p.childId === 'demo-child-02')).toBeTruthy();
    const target = people.ok ? people.data.people.find((p) => p.openid === DEMO.guardian && p.childId === 'demo-child-02') : undefined;
    expect((await env.api(DEMO.admin, 'people.revoke', { bindingId: target!.bindingId })).ok).toBe(true);
    expect(await env.api(DEMO.guardian, 'children.get', { childId: 'demo-child-02' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect((await env.api(DEMO.guardian, 'children.get', { childId: 'demo-child-01' })).ok).toBe(true);
  });
});

describe('identity and scope', () => {
  test('an OPENID forged in the event body is ignored; identity comes only from the cloud context', async () => {
    const { result } = await env.callFunction<{ ok: boolean; data: { openid: string; bindings: unknown[] } }>(
      'api',
      { action: 'whoami', input: {}, openid: DEMO.admin, userInfo: { openId: DEMO.admin } },
      { openid: 'plain-visitor' },
    );
    expect(result).toMatchObject({ ok: true, data: { openid: 'plain-visitor', bindings: [] } });
    const inInput = await env.api('plain-visitor', 'whoami', { openid: DEMO.admin } as never);
    expect(inInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const anonymous = await env.callFunction('api', { action: 'whoami', input: {} }, {});
    expect(anonymous.result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test("a parent asking for another child's archive gets FORBIDDEN and no data; so does a forged id", async () => {
    for (const childId of ['demo-child-02', OTHER.childId, 'no-such-child']) {
      const res = await env.api(DEMO.parent, 'children.get', { childId });
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await env.api(DEMO.parent, 'children.get', { childId: "demo-child-01' OR 1=1" })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  test('a student asking for an archive is refused, even a classmate in their own class', async () => {
    expect(await env.api(DEMO.student, 'children.get', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api(DEMO.student, 'consent.get', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('a community worker reaches the children of their own community only', async () => {
    expect((await env.api(DEMO.community, 'children.get', { childId: 'demo-child-01' })).ok).toBe(true);
    expect(await env.api(DEMO.community, 'children.get', { childId: 'demo-child-08' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('bad input is answered in Chinese and writes nothing', async () => {
    const before = (await db().collection('classes').count()).total;
    const cases: Record<string, unknown>[] = [
      { schoolId: 'demo-school', grade: 'three', name: '三年级(9)班' },
      { schoolId: 'demo-school', grade: 3, name: 'x'.repeat(5000) },
      { schoolId: 'demo-school', grade: 3 },
      { schoolId: '../../etc', grade: 3, name: '三年级(9)班' },
    ];
    for (const input of cases) {
      const res = await env.api(DEMO.admin, 'classes.create', input as never);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('INVALID_INPUT');
        expect(res.error.message).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
    expect((await db().collection('classes').count()).total).toBe(before);
    const unknown = await env.callFunction('api', { action: 'no.such.action', input: {} }, { openid: DEMO.admin });
    expect(unknown.result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });

  test('a missing field is called missing; a field of the wrong type is called wrong', async () => {
    expect(await env.api(DEMO.teacher, 'children.get', {} as never)).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '输入有误：缺少儿童ID', details: [{ path: 'childId', message: '缺少儿童ID' }] },
    });
    expect(await env.api(DEMO.teacher, 'children.get', { childId: 42 } as never)).toMatchObject({
      ok: false,
      error: { message: '输入有误：儿童ID必须是字符串' },
    });
    const noGrade = await env.api(DEMO.admin, 'classes.create', { schoolId: 'demo-school', name: '三年级(9)班' } as never);
    expect(noGrade).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', details: [{ path: 'grade', message: '缺少年级' }] } });
    const noCode = await env.api('someone', 'invites.redeem', {} as never);
    expect(noCode).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：缺少邀请码' } });
  });
});

describe('masking, audit and consent', () => {
  test('the same child looks different to a teacher, a parent and a community worker; a student sees nothing', async () => {
    const asTeacher = await env.api(DEMO.teacher, 'children.get', { childId: 'demo-child-01' });
    const asParent = await env.api(DEMO.parent, 'children.get', { childId: 'demo-child-01' });
    const asAdmin = await env.api(DEMO.admin, 'children.get', { childId: 'demo-child-01' });
    if (!asTeacher.ok || !asParent.ok || !asAdmin.ok) throw new Error('read failed');
    expect(asAdmin.data.child.idNumber).toBe('110105201709120028');
    expect(asTeacher.data.child.idNumber).toBe('110**************8');
    expect(asTeacher.data.child.leftBehindType).toBe('both_away');
    expect(asParent.data.child).not.toHaveProperty('leftBehindType');
    expect(asParent.data.child).not.toHaveProperty('focusSupport');
    expect(asParent.data.child.name).toBe('林小禾');
  });

  test('every archive read is in the audit log with who, which child and which fields; the admin filters it', async () => {
    await env.api(DEMO.guardian, 'children.get', { childId: 'demo-child-01' });
    const log = await env.api(DEMO.admin, 'audit.list', { schoolId: 'demo-school', childId: 'demo-child-01', openid: DEMO.guardian });
    if (!log.ok) throw new Error(log.error.message);
    const read = log.data.entries.find((e) => e.kind === 'read');
    expect(read).toMatchObject({
      openid: DEMO.guardian,
      role: 'guardian',
      action: 'children.get',
      childId: 'demo-child-01',
      nickname: '演示·监护人',
      // named as the school knows them for this child (the same guardian is 周子墨的外婆 for the other), and the child by name
      label: '林小禾的奶奶',
      childName: '林小禾',
    });
    expect(read!.fields).toEqual(expect.arrayContaining(['name', 'birthDate']));
    expect(read!.fields).not.toContain('leftBehindType');
    const byPerson = await env.api(DEMO.admin, 'audit.list', { schoolId: 'demo-school', openid: DEMO.teacher });
    expect(byPerson.ok && byPerson.data.entries.every((e) => e.openid === DEMO.teacher)).toBe(true);
    expect(await env.api(DEMO.teacher, 'audit.list', { schoolId: 'demo-school' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  test('the names on a page of the log are read in one batch: the round trips do not grow with the entries', async () => {
    const children = (await db().collection('children').where({ schoolId: 'demo-school' }).limit(100).get()).data as { _id: string; name: string }[];
    // later than anything else in the log, so that they are its first page
    const at = new Date('2030-09-01T02:00:00Z');
    await db()
      .collection('auditLog')
      .add(
        children.flatMap((c, i) =>
          [DEMO.teacher, DEMO.parent, DEMO.guardian].map((openid, k) => ({
            at: new Date(at.getTime() + i * 1000 + k),
            openid,
            role: k === 0 ? 'teacher' : k === 1 ? 'parent' : 'guardian',
            action: 'children.get',
            kind: 'read',
            schoolId: 'demo-school',
            childId: c._id,
            fields: ['name'],
          })),
        ),
      );
    const small = await env.callFunction<{ ok: true; data: { entries: { childName: string | null }[] } }>(
      'api',
      { action: 'audit.list', input: { schoolId: 'demo-school', limit: 2 } },
      { openid: DEMO.admin },
    );
    const large = await env.callFunction<{ ok: true; data: { entries: { childId: string | null; childName: string | null; label: string | null }[] } }>(
      'api',
      { action: 'audit.list', input: { schoolId: 'demo-school', limit: 15 } },
      { openid: DEMO.admin },
    );
    expect(large.result.data.entries).toHaveLength(15);
    expect(large.dbRequests).toBe(small.dbRequests);
    const names = new Map(children.map((c) => [c._id, c.name]));
    for (const e of large.result.data.entries) {
      expect(e.childName).toBe(names.get(e.childId!));
      expect(e.label).toBeTruthy();
    }
    await db()
      .collection('auditLog')
      .where({ at: db().command.gte(at) })
      .remove();
  });

  test('the audit log pages without losing entries that share one instant', async () => {
    const at = new Date('2026-10-01T02:00:00Z');
    const entries = Array.from({ length: 25 }, (_, i) => ({
      at,
      openid: 'bulk-reader',
      role: 'teacher',
      action: 'archive.roster',
      kind: 'read',
      schoolId: 'demo-school',
      childId: `c${i}`,
      fields: ['name'],
    }));
    await db().collection('auditLog').add(entries);
    const seen: string[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await env.api(DEMO.admin, 'audit.list', {
        schoolId: 'demo-school',
        openid: 'bulk-reader',
        limit: 10,
        ...(before ? { before } : {}),
      });
      if (!res.ok) throw new Error(res.error.message);
      seen.push(...res.data.entries.map((e) => e.childId as string));
      if (!res.data.next) break;
      before = res.data.next;
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(await env.api(DEMO.admin, 'audit.list', { schoolId: 'demo-school', before: '昨天' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  test('an audit cursor that looks right but names no real instant is refused in Chinese', async () => {
    for (const before of ['2026-99-99T::Z|abc', '2026-02-31T00:00:00.000Z|abc', '2026-10-01T02:00:00.000Z|', '2026-10-01T02:00:00.000Z|a|b']) {
      const res = await env.api(DEMO.admin, 'audit.list', { schoolId: 'demo-school', before });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/翻页位置/), details: [{ path: 'before' }] },
      });
    }
  });

  test('consent: a parent agrees in WeChat, a teacher records a paper form, a refusal is kept as the latest word', async () => {
    expect(await env.api(DEMO.parent, 'consent.get', { childId: 'demo-child-06' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const stale = await env.api(DEMO.parent, 'consent.record', {
      childId: 'demo-child-01',
      decision: 'granted',
      noticeVersion: '2000-01',
      method: 'wechat',
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const granted = await env.api(DEMO.parent, 'consent.record', {
      childId: 'demo-child-01',
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'wechat',
    });
    expect(granted).toMatchObject({ ok: true, data: { status: 'granted', method: 'wechat', by: DEMO.parent } });
    const paperWithoutName = await env.api(DEMO.teacher, 'consent.record', {
      childId: 'demo-child-02',
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
    });
    expect(paperWithoutName).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const paper = await env.api(DEMO.teacher, 'consent.record', {
      childId: 'demo-child-02',
      decision: 'refused',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      signerName: '周大山',
      signerRelation: '外公',
    });
    expect(paper).toMatchObject({ ok: true, data: { status: 'refused', by: '周大山', method: 'paper' } });
    expect(await env.api(DEMO.teacher, 'consent.get', { childId: 'demo-child-02' })).toMatchObject({
      ok: true,
      data: { status: 'refused' },
    });
  });

  test("admin exports a leaving child's data, then deletes it everywhere; only the audit trail remains", async () => {
    const exp = await env.api(DEMO.admin, 'children.export', { childId: 'demo-child-01' });
    if (!exp.ok) throw new Error(exp.error.message);
    expect(exp.data.collections.children).toHaveLength(1);
    expect(exp.data.collections.bindings.length).toBeGreaterThanOrEqual(2);
    expect(exp.data.collections.consents.length).toBeGreaterThanOrEqual(1);

    const wrong = await env.api(DEMO.admin, 'children.purge', { childId: 'demo-child-01', confirmName: '林小河' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await db().collection('children').doc('demo-child-01').get()).data).toHaveLength(1);

    const purge = await env.api(DEMO.admin, 'children.purge', { childId: 'demo-child-01', confirmName: '林小禾' });
    expect(purge).toMatchObject({ ok: true, data: { deleted: { children: 1 } } });
    for (const c of ['children', 'bindings', 'consents', 'invites']) {
      const key = c === 'children' ? '_id' : 'childId';
      expect(
        (
          await db()
            .collection(c)
            .where({ [key]: 'demo-child-01' })
            .count()
        ).total,
      ).toBe(0);
    }
    expect(await env.api(DEMO.parent, 'children.get', { childId: 'demo-child-01' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const log = await env.api(DEMO.admin, 'audit.list', { schoolId: 'demo-school', childId: 'demo-child-01' });
    expect(log.ok && log.data.entries[0]).toMatchObject({ kind: 'delete', action: 'children.purge' });
  });
});

describe('bootstrap of an empty deployment', () => {
  let empty: TestEmulator;
  beforeAll(async () => {
    empty = await startEmulator();
    await empty.app
      .database()
      .collection('settings')
      .doc('bootstrap')
      .set({ codeHash: hashCode('BOOT-2345'), usedAt: null });
  });
  afterAll(() => empty.stop());

  test('the first caller is not admin by being first; the bootstrap code makes one admin, once', async () => {
    expect(await empty.api('first-comer', 'setup.status', {})).toMatchObject({ ok: true, data: { initialized: false } });
    expect(await empty.api('first-comer', 'setup.claimAdmin', { code: 'WRONG-CODE', schoolName: '山里小学' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await empty.api('first-comer', 'whoami', {})).toMatchObject({ data: { bindings: [] } });
    const claimed = await empty.api('principal', 'setup.claimAdmin', { code: 'boot 2345', schoolName: '山里小学' });
    expect(claimed.ok).toBe(true);
    expect(await empty.api('principal', 'whoami', {})).toMatchObject({ data: { bindings: [{ role: 'admin', label: '山里小学' }] } });
    expect(await empty.api('someone-else', 'setup.claimAdmin', { code: 'BOOT-2345', schoolName: '别的学校' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await empty.api('x', 'setup.status', {})).toMatchObject({ ok: true, data: { initialized: true } });
  });
});
