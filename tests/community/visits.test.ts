/**
 * Home visits through the real SDK into the emulator: a visit sent again (a retry after a lost answer, fifty times at
 * once) is stored once; bad input is refused in Chinese and writes nothing; a 儿童主任 reaches only their community;
 * the register flags children due a visit; the morning reminders follow the Beijing calendar.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { at, caller, inboxOf, phoneId } from './helpers';
import type { VisitInput } from '../../typings/actions/community';

let env: TestEmulator;
let ok: ReturnType<typeof caller>['ok'];
let refused: ReturnType<typeof caller>['refused'];
const NOW = at('2027-03-01 00:30');
const QINGSHAN = 'demo-community-qingshan';

const visit = (over: Partial<VisitInput> = {}): VisitInput => ({
  visitId: phoneId('v-'),
  childId: 'demo-child-01',
  date: '2027-03-01',
  method: 'home',
  met: '奶奶',
  situation: { living: '与奶奶同住', mood: '开心' },
  ...over,
});

const count = async (collection: string, where: Record<string, unknown> = {}) => (await env.app.database().collection(collection).where(where).count()).total;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  ({ ok, refused } = caller(env));
});
afterAll(() => env.stop());

describe('a visit is stored once', () => {
  test('sent again after a lost answer: the same answer, one record, one audit entry', async () => {
    const input = visit();
    const first = await ok(DEMO.community, 'visits.record', input, NOW);
    const second = await ok(DEMO.community, 'visits.record', input, NOW);
    expect(first).toEqual({ visitId: input.visitId, created: true, alertId: null });
    expect(second).toEqual({ visitId: input.visitId, created: false, alertId: null });
    expect(await count('visits', { _id: input.visitId })).toBe(1);
    expect(await count('auditLog', { action: 'visits.record', childId: 'demo-child-01' })).toBe(1);
  });

  test('fifty arrivals at the same moment store one visit, raise one alert, and tell each person once', async () => {
    const input = visit({ childId: 'demo-child-02', change: { kind: 'guardian_lost', note: '外婆住院，孩子一人在家' } });
    const answers = await Promise.all(Array.from({ length: 50 }, () => env.api(DEMO.community, 'visits.record', input, NOW)));
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    expect(answers.filter((a) => a.ok && a.data.created)).toHaveLength(1);
    expect(await count('visits', { _id: input.visitId })).toBe(1);
    expect(await count('alerts', { childId: 'demo-child-02', kind: 'situation_change' })).toBe(1);
    const told = (await inboxOf(env, { kind: 'alert.raised', childId: 'demo-child-02' })).map((e) => e.to).sort();
    expect(told).toEqual([DEMO.admin, DEMO.teacher, DEMO.community, DEMO.township].sort());
  }, 30000);

  test('the same id for another child, or by someone else, is a conflict and writes nothing', async () => {
    const input = visit();
    await ok(DEMO.community, 'visits.record', input, NOW);
    const before = await count('visits');
    expect(await refused(DEMO.community, 'visits.record', { ...input, childId: 'demo-child-03' }, NOW)).toMatchObject({ code: 'CONFLICT' });
    expect(await refused(DEMO.township, 'visits.record', input, NOW)).toMatchObject({
      code: 'CONFLICT',
      message: '这条走访记录的编号已被使用，请重新打开表单填写',
    });
    expect(await count('visits')).toBe(before);
  });
});

describe('bad input: a clear Chinese error, nothing written', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a visit dated tomorrow (Beijing)', { date: '2027-03-02' }, '走访日期不能晚于今天'],
    ['a visit more than a year back', { date: '2026-02-27' }, '走访日期不能早于一年前'],
    ['a day that does not exist', { date: '2027-02-30' }, '走访日期不是有效的日期'],
    ['no one met', { met: '' }, '请填写见到的人'],
    ['an unknown method', { method: 'wechat' }, '请选择走访方式（入户、电话或在校）'],
    ['an id the phone did not make', { visitId: 'abc' }, '走访记录编号格式不正确，请重新打开表单'],
    ['a next step due before the visit', { nextSteps: [{ text: '再去一次', due: '2027-02-01' }] }, '下一步的完成日期不能早于走访日期'],
    ['a change without its note', { change: { kind: 'parent_jailed', note: '' } }, '请填写情况变化的说明'],
    ['an unknown change', { change: { kind: 'lottery', note: '中奖' } }, '请选择情况变化的类别'],
    ['findings far too long', { findings: '很'.repeat(501) }, '发现的问题不能超过 500 个字'],
    ['a forged field', { recordedBy: 'someone-else' }, '不支持的字段：recordedBy'],
  ];
  test.each(cases)('%s', async (_what, over, message) => {
    const before = { visits: await count('visits'), audit: await count('auditLog'), alerts: await count('alerts') };
    const error = await refused(DEMO.community, 'visits.record', { ...visit(), ...over }, NOW);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(message);
    expect({ visits: await count('visits'), audit: await count('auditLog'), alerts: await count('alerts') }).toEqual(before);
  });

  test('a child of another community, another school, or a teacher recording a visit: refused as someone else’s', async () => {
    const before = await count('visits');
    expect(await refused(DEMO.community, 'visits.record', visit({ childId: 'demo-child-08' }), NOW)).toMatchObject({
      code: 'FORBIDDEN',
      message: '无权访问该范围的数据',
    });
    expect(await refused(DEMO.community, 'visits.record', visit({ childId: OTHER.childId }), NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.community, 'visits.record', visit({ childId: 'no-such-child' }), NOW)).toMatchObject({
      code: 'FORBIDDEN',
      message: '无权访问该范围的数据',
    });
    expect(await refused(DEMO.teacher, 'visits.record', visit(), NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('visits')).toBe(before);
  });
});

describe('who sees which children', () => {
  test('a 儿童主任 lists the children of their community only, with the fields a row needs', async () => {
    const register = await ok(DEMO.community, 'community.children', { communityId: QINGSHAN }, NOW);
    expect(register.rows.map((r) => r.childId).sort()).toEqual([
      'demo-child-01',
      'demo-child-02',
      'demo-child-03',
      'demo-child-04',
      'demo-child-05',
      'demo-child-06',
      'demo-child-07',
    ]);
    expect(Object.keys(register.rows[0]).sort()).toEqual(
      [
        'childId',
        'name',
        'age',
        'className',
        'leftBehindType',
        'focus',
        'lastVisit',
        'nextDue',
        'due',
        'openAlerts',
        'urgentAlerts',
        'allowanceMonthlyFen',
        'reliefPaidFen',
      ].sort(),
    );
    expect(await refused(DEMO.community, 'community.children', { communityId: 'demo-community-hexi' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.community, 'community.child', { childId: 'demo-child-08' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.community, 'community.children', { communityId: OTHER.communityId }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('a 儿童督导员 sees every community of their township, and nothing of another township', async () => {
    const overview = await ok(DEMO.township, 'community.township', { townshipId: 'demo-township-qingshan' }, NOW);
    expect(overview.communities.map((c) => c.name)).toEqual(['河西村', '青山村']);
    expect((await ok(DEMO.township, 'community.children', { communityId: 'demo-community-hexi' }, NOW)).rows.map((r) => r.name).sort()).toEqual(
      ['何家乐', '罗思琪', '高宇航'].sort(),
    );
    await ok(DEMO.township, 'community.child', { childId: 'demo-child-08' }, NOW);
    expect(await refused(DEMO.township, 'community.children', { communityId: OTHER.communityId }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.township, 'community.child', { childId: OTHER.childId }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    // a community moved out of the township is out of reach at once
    await ok(DEMO.admin, 'community.placeInTownship', { communityId: 'demo-community-hexi', townshipId: null }, NOW);
    expect(await refused(DEMO.township, 'community.child', { childId: 'demo-child-08' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    await ok(DEMO.admin, 'community.placeInTownship', { communityId: 'demo-community-hexi', townshipId: 'demo-township-qingshan' }, NOW);
  });

  test('the school links a child to another home community: the new 儿童主任 reaches them, the old one no longer does', async () => {
    await ok(DEMO.admin, 'community.linkChild', { childId: 'demo-child-08', communityId: QINGSHAN }, NOW);
    await ok(DEMO.community, 'community.child', { childId: 'demo-child-08' }, NOW);
    await ok(DEMO.admin, 'community.linkChild', { childId: 'demo-child-08', communityId: 'demo-community-hexi' }, NOW);
    expect(await refused(DEMO.community, 'community.child', { childId: 'demo-child-08' }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.admin, 'community.linkChild', { childId: 'demo-child-08', communityId: OTHER.communityId }, NOW)).toMatchObject({
      code: 'INVALID_INPUT',
      message: '所选社区/村不属于本校',
    });
  });
});

describe('the register and the reminders, in Beijing days', () => {
  test('the register flags who is overdue, never visited or due soon, children with alerts first', async () => {
    const register = await ok(DEMO.community, 'community.children', { communityId: QINGSHAN }, at('2027-05-28 09:00'));
    const byName = new Map(register.rows.map((r) => [r.name, r]));
    expect(byName.get('林小禾')).toMatchObject({ lastVisit: '2027-03-01', nextDue: '2027-06-01', due: 'soon' });
    expect(byName.get('陈一诺')).toMatchObject({ lastVisit: null, due: 'never' });
    expect(byName.get('吴星辰')).toMatchObject({ due: 'none' });
    expect(register.rows[0].name).toBe('周子墨');
    expect(register.stats).toMatchObject({ children: 7, needVisits: 5, openAlerts: 1 });
  });

  test('the township counts each community on the database exactly as its register judges each child, day after day', async () => {
    let overdueSeen = 0;
    for (const day of ['2027-03-31', '2027-05-28', '2027-06-01', '2027-06-02', '2027-09-01', '2028-03-01']) {
      const when = at(`${day} 09:00`);
      const overview = await ok(DEMO.township, 'community.township', { townshipId: 'demo-township-qingshan' }, when);
      for (const row of overview.communities) {
        const { stats } = await ok(DEMO.township, 'community.children', { communityId: row.id }, when);
        expect({ day, name: row.name, children: row.children, needVisits: row.needVisits, overdue: row.overdue, never: row.never }).toEqual({
          day,
          name: row.name,
          children: stats.children,
          needVisits: stats.needVisits,
          overdue: stats.overdue,
          never: stats.never,
        });
        overdueSeen += row.overdue;
      }
    }
    expect(overdueSeen).toBeGreaterThan(0);
  });

  test('the morning run reminds the 儿童主任 on the day a visit falls due (Beijing), once, and a child never visited once', async () => {
    const fire = (wallClock: string) => env.emulator.timers.fire('scheduler', 'morning', at(wallClock));
    const dueFor = async (childId: string) => inboxOf(env, { kind: 'visit.due', to: DEMO.community, childId });
    await fire('2027-05-31 07:30');
    expect(await dueFor('demo-child-01')).toHaveLength(0);
    expect((await dueFor('demo-child-03')).map((e) => e.title)).toEqual(['该走访陈一诺了']);
    // 07:30 on 1 June in Beijing is still 31 May in New York, where the suite runs
    await fire('2027-06-01 07:30');
    await fire('2027-06-02 07:30');
    const due = await dueFor('demo-child-01');
    expect(due.map((e) => e.body)).toEqual(['林小禾上次走访是3月1日，按每 3 个月走访一次，6月1日该再去看看了。']);
    expect((await dueFor('demo-child-03')).length).toBe(1);
    expect(await dueFor('demo-child-04')).toHaveLength(0);
    // the 河西村 children are not this 儿童主任's
    expect(await dueFor('demo-child-08')).toHaveLength(0);
  });

  test('a 儿童督导员 sets the community’s interval; a focus interval longer than the regular one is refused', async () => {
    expect(await ok(DEMO.township, 'community.configure', { communityId: QINGSHAN, everyMonths: 2, focusEveryMonths: 1 }, NOW)).toEqual({
      everyMonths: 2,
      focusEveryMonths: 1,
    });
    const register = await ok(DEMO.community, 'community.children', { communityId: QINGSHAN }, at('2027-04-20 09:00'));
    expect(register.rows.find((r) => r.name === '林小禾')).toMatchObject({ nextDue: '2027-05-01', due: 'ok' });
    expect(await refused(DEMO.township, 'community.configure', { communityId: QINGSHAN, everyMonths: 1, focusEveryMonths: 2 }, NOW)).toMatchObject({
      code: 'INVALID_INPUT',
      message: '重点对象的走访间隔不能长于一般儿童',
    });
    expect(await refused(DEMO.community, 'community.configure', { communityId: QINGSHAN, everyMonths: 6, focusEveryMonths: 1 }, NOW)).toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describe('a township with many open alerts', () => {
  test('shows the first 20 in full, urgent first, and counts the rest; each community still counts all of its own', async () => {
    const db = env.app.database();
    const created = new Date('2027-02-01T08:00:00+08:00');
    const ids = Array.from({ length: 25 }, (_, i) => `many-alerts-${i}`);
    await db.collection('alerts').add(
      ids.map((id, i) => ({
        _id: id,
        schoolId: 'demo-school',
        classId: 'demo-class-3-1',
        childId: 'demo-child-01',
        communityId: QINGSHAN,
        kind: i === 24 ? 'no_capable_guardian' : 'follow_up',
        urgent: false,
        message: `第${i + 1}条`,
        createdAt: new Date(created.getTime() + i * 60_000),
        createdBy: 'system',
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      })),
    );
    try {
      const overview = await ok(DEMO.township, 'community.township', { townshipId: 'demo-township-qingshan' }, NOW);
      const qingshan = overview.communities.find((c) => c.id === QINGSHAN)!;
      const open = overview.communities.reduce((n, c) => n + c.openAlerts, 0);
      expect(open).toBeGreaterThanOrEqual(25);
      expect(overview.alerts).toHaveLength(20);
      expect(overview.moreAlerts).toBe(open - 20);
      expect(qingshan.openAlerts).toBeGreaterThanOrEqual(25);
      // urgent ones first (the guardian alert among them), then the newest
      const urgent = overview.alerts.filter((a) => a.urgent).length;
      expect(overview.alerts.slice(0, urgent).every((a) => a.urgent)).toBe(true);
      expect(overview.alerts.map((a) => a.id)).toContain('many-alerts-24');
      const rest = overview.alerts.slice(urgent).map((a) => a.createdAt);
      expect([...rest].sort().reverse()).toEqual(rest);
    } finally {
      await Promise.all(ids.map((id) => db.collection('alerts').doc(id).remove()));
    }
  });
});
