/**
 * Privacy promises that a plausible slip in the code would break without another test noticing:
 *   - the latest consent decides: a refusal recorded after a grant stops archive and contact-card writes, and a
 *     new grant after the refusal allows them again (so "latest" means newest, not oldest, not "any refusal");
 *   - ID numbers are checked against fixed real vectors, one for each check character (the table, not the code
 *     under test, says what is right);
 *   - a child's deletion leaves nothing of them in any collection that holds a child's data (every collection
 *     with a childKey in cloudbase/collections.json, each holding some of the child's data before), only the
 *     audit trail.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { childDataCollections, COLLECTIONS } from '../../cloudfunctions/core/collections';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { idNumberProblem } from '../../cloudfunctions/core/archive/idcard';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';

jest.setTimeout(120_000);

let env: TestEmulator;
const db = () => env.app.database();
const NOW = fromBeijing('2027-03-01 10:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

async function ok<A extends ActionName>(openid: string, action: A, input: ActionInput<A>, now = NOW): Promise<ActionOutput<A>> {
  const res = await env.api(openid, action, input, now);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, NOW);
}, 120_000);
afterAll(() => env.stop());

describe('ID numbers: fixed real vectors, one per check character (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  // Worked out by hand from the standard's weights, not with the code under test.
  const VECTORS: Record<string, string> = {
    '0': '410102201709120030',
    '1': '410102201709120081',
    '2': '410102201709120022',
    '3': '410102201709120073',
    '4': '410102201709120014',
    '5': '410102201709120065',
    '6': '410102201709120006',
    '7': '410102201709120057',
    '8': '410102201709120188',
    '9': '410102201709120049',
    X: '41010220170912009X',
  };
  test.each(Object.entries(VECTORS))('check character %s: accepted, and every other check character refused', (check, id) => {
    expect(id[17]).toBe(check);
    expect(idNumberProblem(id)).toBeNull();
    for (const other of '0123456789X') if (other !== check) expect(idNumberProblem(id.slice(0, 17) + other)).toMatch(/校验位/);
  });
  test("the standard's own example ends in X", () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toMatch(/校验位/);
  });
});

describe('the latest consent decides', () => {
  const CHILD = 'demo-child-03';
  const card = {
    parents: [{ name: '陈海', relation: '父亲', phone: '13800000009', workCity: '东莞', workUnit: null, workAddress: null, workPhone: null }],
    guardian: { name: '陈奶奶', relation: '祖母', occupation: null, address: null, phone: '13900000009', health: null, age: 70, capable: true },
    emergency: { name: '陈叔叔', relation: '叔叔', phone: '13700000009' },
  };
  const decide = (decision: 'granted' | 'refused', now: Date) =>
    ok(
      DEMO.teacher,
      'consent.record',
      { childId: CHILD, decision, noticeVersion: PRIVACY_NOTICE.version, method: 'paper', signerName: '陈海', signerRelation: '父亲' },
      now,
    );
  const version = async () => ((await db().collection('children').doc(CHILD).get()).data[0] as { archiveVersion?: number }).archiveVersion ?? 0;
  const cardVersion = async () => ((await db().collection('contactCards').doc(CHILD).get()).data[0] as { version: number } | undefined)?.version ?? 0;

  test('granted, then refused: nothing more is written; granted again: writing resumes', async () => {
    await decide('granted', later(1));
    await ok(DEMO.teacher, 'archive.update', { childId: CHILD, expectedVersion: await version(), changes: { address: '青山村一组' } }, later(2));

    await decide('refused', later(3));
    expect((await ok(DEMO.teacher, 'consent.get', { childId: CHILD }, later(4))).status).toBe('refused');
    const v = await version();
    const update = await env.api(DEMO.teacher, 'archive.update', { childId: CHILD, expectedVersion: v, changes: { address: '青山村二组' } }, later(4));
    expect(update).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED', message: expect.stringContaining('未同意') } });
    const cv = await cardVersion();
    const save = await env.api(DEMO.teacher, 'contactCards.save', { childId: CHILD, expectedVersion: cv, ...card }, later(4));
    expect(save).toMatchObject({ ok: false, error: { code: 'CONSENT_REQUIRED' } });
    expect(await version()).toBe(v);
    expect(await cardVersion()).toBe(cv);
    expect(((await db().collection('children').doc(CHILD).get()).data[0] as { address: string }).address).toBe('青山村一组');

    await decide('granted', later(5));
    await ok(DEMO.teacher, 'archive.update', { childId: CHILD, expectedVersion: v, changes: { address: '青山村三组' } }, later(6));
    await ok(DEMO.teacher, 'contactCards.save', { childId: CHILD, expectedVersion: cv, ...card }, later(6));
  });
});

describe("a child's deletion", () => {
  const CHILD = 'demo-child-01';
  const mentions = async (name: string) => {
    const key = childDataCollections().find((c) => c.name === name)!.childKey;
    return (
      await db()
        .collection(name)
        .where({ [key]: CHILD })
        .count()
    ).total;
  };

  test("leaves nothing of the child in any collection holding children's data, only the audit trail", async () => {
    // Make sure the child has data in every such collection first, through the real actions where there are some.
    await ok(DEMO.parent, 'familyCalls.availability', { childId: CHILD, slots: [{ weekday: 6, start: '09:00', end: '12:00' }] });
    await ok(DEMO.teacher, 'phoneCalls.log', { childId: CHILD, date: '2027-03-01', time: '09:00', minutes: 5, who: '妈妈' });
    await ok(DEMO.teacher, 'counselling.record', { childId: CHILD, date: '2027-03-01', counsellorRole: 'class_teacher', focus: 'emotion', notes: '想妈妈' });
    await ok(DEMO.teacher, 'plans.create', {
      childId: CHILD,
      reasons: ['study_decline'],
      reasonNote: '作业经常不交',
      goals: '按时交作业',
      measures: [{ kind: 'tutoring', text: '午间辅导' }],
      responsible: '演示·班主任（班主任）',
      startDate: '2027-03-01',
      reviewDates: ['2027-03-29'],
    });
    await ok(DEMO.teacher, 'invites.create', { role: 'guardian', childId: CHILD, relation: '外婆' });
    await ok(DEMO.parent, 'contactChanges.propose', { childId: CHILD, entry: 0, changes: { workCity: '东莞' } });
    await ok(DEMO.parent, 'birthdays.family', { childId: CHILD, classmates: false });
    await ok(DEMO.community, 'visits.record', { visitId: 'purge-visit-0000001', childId: CHILD, date: '2027-03-01', method: 'home', met: '奶奶' });
    await ok(DEMO.community, 'assistance.add', {
      entryId: 'purge-entry-0000001',
      childId: CHILD,
      kind: 'referral',
      date: '2027-03-01',
      party: '草根爱心公益团队',
    });
    await db().collection('alerts').add({
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: CHILD,
      kind: 'no_capable_guardian',
      message: '测试',
      createdAt: NOW,
      createdBy: DEMO.admin,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    });
    const held = Object.fromEntries(await Promise.all(childDataCollections().map(async (c) => [c.name, await mentions(c.name)] as const)));
    expect(Object.entries(held).filter(([, n]) => n === 0)).toEqual([]);
    expect(Object.keys(held).length).toBeGreaterThanOrEqual(15);

    // class posts that show the child: one about them alone (an honour), one with a classmate too
    await db()
      .collection('growthPosts')
      .add([
        { _id: 'purge-post-alone', schoolId: 'demo-school', classId: 'demo-class-3-1', childId: null, shows: [CHILD], text: '祝贺', photos: [] },
        {
          _id: 'purge-post-group',
          schoolId: 'demo-school',
          classId: 'demo-class-3-1',
          childId: null,
          shows: [CHILD, 'demo-child-02'],
          text: '合影',
          photos: [],
        },
      ]);
    const purge = await ok(DEMO.admin, 'children.purge', { childId: CHILD, confirmName: '林小禾' });
    expect((await db().collection('growthPosts').doc('purge-post-alone').get()).data).toEqual([]);
    expect((await db().collection('growthPosts').doc('purge-post-group').get()).data[0]).toMatchObject({ shows: ['demo-child-02'] });
    for (const c of childDataCollections()) {
      expect([c.name, await mentions(c.name)]).toEqual([c.name, 0]);
      expect([c.name, purge.deleted[c.name]]).toEqual([c.name, held[c.name]]);
    }
    // and no other collection but the audit trail names the child anywhere
    for (const c of COLLECTIONS.filter((x) => x.name !== 'auditLog')) {
      const rows = (await db().collection(c.name).limit(1000).get()).data;
      expect([c.name, JSON.stringify(rows).includes(CHILD)]).toEqual([c.name, false]);
    }
    expect((await db().collection('auditLog').where({ childId: CHILD, action: 'children.purge', kind: 'delete' }).count()).total).toBe(1);
  });
});
