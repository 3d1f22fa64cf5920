/**
 * The work plan of a term: created from the template once (twice in a row or at once), items edited and checked
 * against the school and the term, the leading group and responsibilities, reminders to owners on the 1st of the
 * month in Beijing time (the process runs in New York) sent once, the appraisal counted from records built here,
 * and who may do what. Bad input answers in Chinese and writes nothing.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { OutboxEntry } from '../../cloudfunctions/core/reminders/types';
import type { WorkPlanRecord } from '../../cloudfunctions/core/workPlan/records';
import { buildSchool, D } from '../dashboard/fixture';
import { fire } from '../reminders/helpers';
import { docs, fails, ok } from '../talks/helpers';

jest.setTimeout(90_000);

let env: TestEmulator;
const SPRING = '2027年春季学期';
const AUTUMN = '2026年秋季学期';
const TEACHER2 = 'ds-teacher2';
const ids = { teacher: '', teacher2: '', admin: '', otherTeacher: '' };

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  await buildSchool(env);
  const db = env.app.database();
  await db.collection('bindings').add({
    openid: TEACHER2,
    role: 'teacher',
    schoolId: D.school,
    classId: D.c2,
    childId: null,
    communityId: null,
    label: '四年级(1)班 数学老师',
    createdAt: new Date(),
    revokedAt: null,
  });
  await db.collection('users').add([
    { _id: D.teacher, openid: D.teacher, nickname: '王老师', createdAt: new Date() },
    { _id: TEACHER2, openid: TEACHER2, nickname: '李老师', createdAt: new Date() },
  ]);
  const binding = async (openid: string) => ((await docs<{ _id: string }>(env, 'bindings', { openid }))[0] as { _id: string })._id;
  ids.teacher = await binding(D.teacher);
  ids.teacher2 = await binding(TEACHER2);
  ids.admin = await binding(D.admin);
  ids.otherTeacher = await binding(OTHER.teacher);
});
afterAll(() => env.stop());

const planOf = async (term: string) => (await docs<WorkPlanRecord>(env, 'workPlans', { schoolId: D.school })).filter((p) => p.term.name === term);
const audits = () => docs(env, 'auditLog', { schoolId: D.school, kind: 'change' });

test('a term starts from the template, once however often (or at once) it is asked', async () => {
  const first = await ok(env, D.admin, 'workPlan.create', { schoolId: D.school, term: SPRING }, D.now);
  expect(first.created).toBe(true);
  expect(await ok(env, D.admin, 'workPlan.create', { schoolId: D.school, term: SPRING }, D.now)).toEqual({ planId: first.planId, created: false });
  const both = await Promise.all([
    ok(env, D.admin, 'workPlan.create', { schoolId: D.school, term: AUTUMN }, D.now),
    ok(env, D.admin, 'workPlan.create', { schoolId: D.school, term: AUTUMN }, D.now),
  ]);
  expect(both.map((b) => b.created).sort()).toEqual([false, true]);
  expect(both[0].planId).toBe(both[1].planId);
  expect(await planOf(SPRING)).toHaveLength(1);
  expect(await planOf(AUTUMN)).toHaveLength(1);
  expect((await audits()).filter((a) => (a.fields as string[]).includes('workPlan.create'))).toHaveLength(2);

  const view = await ok(env, D.admin, 'workPlan.get', { schoolId: D.school, term: SPRING }, D.now);
  const titles = (month: string) => view.plan!.months.find((m) => m.month === month)!.items.map((i) => i.title);
  expect(view.plan!.months.map((m) => m.label)).toEqual(['2027年2月', '2027年3月', '2027年4月', '2027年5月', '2027年6月', '2027年7月']);
  expect(titles('2027-03')).toEqual([
    '成立校级领导组、对全校留守儿童基本情况摸底',
    '建立留守儿童基本档案',
    '开展“爱心妈妈”等结对活动',
    '组织留守儿童观看励志教育专题片',
  ]);
  expect(titles('2027-06')).toContain('召开一次留守儿童家长会');
  expect(titles('2027-07')).toContain('留守儿童工作经验交流及论文撰写');
  // The film every month; every item the leading group's, not started.
  expect(view.plan!.months.every((m) => m.items.some((i) => i.title === '组织留守儿童观看励志教育专题片'))).toBe(true);
  expect(view.plan!.months.flatMap((m) => m.items).every((i) => i.owner.name === '领导小组' && i.statusLabel === '未开始')).toBe(true);
  // The archive item shows the 建档率 as the dashboard counts it, with the page of the children behind it.
  const archive = view.plan!.months[1].items[1].evidence[0];
  const dash = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school, term: SPRING }, D.now);
  const rate = dash.rates.find((r) => r.key === 'archive')!;
  expect(archive.label).toBe(`建档率 ${rate.numerator}/${rate.denominator}（${rate.rate}%）`);
  expect(archive.page).toBe(`areas/dashboard/pages/rate/index?schoolId=${D.school}&rate=archive&term=${encodeURIComponent(SPRING)}`);

  const autumn = await ok(env, D.admin, 'workPlan.get', { schoolId: D.school, term: AUTUMN }, D.now);
  expect(autumn.plan!.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
  expect(autumn.plan!.months[3].items.map((i) => i.title)).toContain('召开一次留守儿童家长会');
});

test("a rate's evidence is the school's counts kept today; counts kept another day are counted afresh", async () => {
  const counts = (archive: [number, number]) =>
    Object.fromEntries(
      ['archive', 'enrolment', 'retention', 'vaccination', 'parentEducation', 'pairing', 'contact', 'talks', 'visits'].map((k) => [
        k,
        k === 'archive' ? { numerator: archive[0], denominator: archive[1] } : { numerator: 0, denominator: 0 },
      ]),
    );
  const keep = (asOf: string) =>
    env.app
      .database()
      .collection('schoolCounts')
      .doc(D.school)
      .set({ term: SPRING, asOf, tally: counts([9, 9]), countedAt: fromBeijing(`${asOf} 07:30`) });
  const archiveLabel = async () =>
    (await ok(env, D.admin, 'workPlan.get', { schoolId: D.school, term: SPRING }, D.now)).plan!.months[1].items[1].evidence[0].label;
  // D.now is April 1st in Beijing: counts kept that morning are what the plan shows.
  await keep('2027-04-01');
  expect(await archiveLabel()).toBe('建档率 9/9（100%）');
  // Kept on March 31st: not today's, so counted from the records, as the dashboard counts.
  await keep('2027-03-31');
  const live = await archiveLabel();
  const rate = (await ok(env, D.admin, 'dashboard.school', { schoolId: D.school, term: SPRING }, D.now)).rates.find((r) => r.key === 'archive')!;
  expect(live).toBe(`建档率 ${rate.numerator}/${rate.denominator}（${rate.rate}%）`);
  expect(live).not.toBe('建档率 9/9（100%）');
});

test('an item is added, changed and removed; the teacher sees the items they own', async () => {
  const [plan] = await planOf(SPRING);
  await env.app.database().collection('symposiums').add({ _id: 'ds-meeting', schoolId: D.school, classId: null, date: '2027-03-20', topic: '留守儿童家长会' });
  const added = await ok(
    env,
    D.admin,
    'workPlan.saveItem',
    {
      planId: plan._id,
      month: '2027-04',
      title: '家长会回访',
      owner: { kind: 'teacher', bindingId: ids.teacher },
      status: 'doing',
      evidence: [{ kind: 'symposium', symposiumId: 'ds-meeting' }],
    },
    D.now,
  );
  expect(added.version).toBe(plan.version + 1);
  await ok(
    env,
    D.admin,
    'workPlan.saveItem',
    {
      planId: plan._id,
      itemId: added.itemId,
      month: '2027-04',
      title: '家长会回访',
      owner: { kind: 'teacher', bindingId: ids.teacher },
      status: 'done',
      evidence: [{ kind: 'symposium', symposiumId: 'ds-meeting' }],
    },
    D.now,
  );
  const mine = await ok(env, D.teacher, 'workPlan.get', { schoolId: D.school, term: SPRING }, D.now);
  expect(mine.canEdit).toBe(false);
  expect(mine.staff).toEqual([]);
  expect(mine.mine.items).toEqual([
    expect.objectContaining({ title: '家长会回访', statusLabel: '已完成', owner: { kind: 'teacher', bindingId: ids.teacher, name: '王老师' } }),
  ]);
  expect(mine.mine.items[0].evidence[0]).toMatchObject({ label: '3月20日 留守儿童家长会', page: `areas/talks/pages/symposium/index?schoolId=${D.school}` });
  // The class teacher answers for every duty of their class until the admin assigns them.
  expect(mine.mine.responsibilities.map((r) => `${r.className}${r.dutyLabel}`)).toEqual([
    '三年级(1)班建档',
    '三年级(1)班结对',
    '三年级(1)班亲情视频',
    '三年级(1)班谈心',
    '三年级(1)班家长会',
  ]);

  const removed = await ok(env, D.admin, 'workPlan.removeItem', { planId: plan._id, itemId: added.itemId }, D.now);
  expect(removed.version).toBe(plan.version + 3);
  expect((await planOf(SPRING))[0].items.some((i) => i.id === added.itemId)).toBe(false);
  expect((await fails(env, D.admin, 'workPlan.removeItem', { planId: plan._id, itemId: added.itemId }, D.now)).message).toBe(
    '计划里没有这一项（可能已被删除）',
  );
});

test('bad input is refused in Chinese and nothing is written', async () => {
  const [plan] = await planOf(SPRING);
  const before = { audits: (await audits()).length, plans: (await docs(env, 'workPlans', { schoolId: D.school })).length };
  const item = { planId: plan._id, month: '2027-04', title: '走访', owner: { kind: 'group' }, status: 'todo', evidence: [] };
  const deep: Record<string, unknown> = {};
  let at = deep;
  for (let i = 0; i < 200; i++) at = (at.x = {}) as Record<string, unknown>;
  const cases: [string, object, RegExp][] = [
    ['workPlan.saveItem', { ...item, month: '2027-09' }, /2027年9月不在2027年春季学期内（2027年2月–2027年7月）/],
    ['workPlan.saveItem', { ...item, month: '2027-13' }, /月份格式应为 YYYY-MM/],
    ['workPlan.saveItem', { ...item, owner: { kind: 'teacher', bindingId: ids.otherTeacher } }, /负责人不是本校的老师或管理员/],
    ['workPlan.saveItem', { ...item, owner: { kind: 'teacher', bindingId: 'no-such-binding' } }, /负责人不是本校的老师或管理员/],
    ['workPlan.saveItem', { ...item, evidence: [{ kind: 'symposium', symposiumId: 'no-such-meeting' }] }, /家长会（座谈会）不存在或不是本校的/],
    ['workPlan.saveItem', { ...item, title: '长'.repeat(10_000) }, /事项不能超过 60 个字/],
    ['workPlan.saveItem', { ...item, title: deep }, /请求内容嵌套过深/],
    ['workPlan.saveItem', { ...item, title: { a: { b: { c: '走访' } } } }, /事项必须是文字/],
    ['workPlan.saveItem', { ...item, evidence: [{ kind: { rate: 'archive' } }] }, /佐证记录应为/],
    ['workPlan.saveItem', { ...item, status: 'finished' }, /状态只能是/],
    ['workPlan.saveItem', { ...item, itemId: 'nope' }, /计划里没有这一项/],
    ['workPlan.saveItem', { ...item, createdBy: 'forged' }, /不支持的字段：createdBy/],
    ['workPlan.create', { schoolId: D.school, term: '2030年春季学期' }, /校历里没有「2030年春季学期」这个学期/],
    ['workPlan.get', { schoolId: D.school, term: '没有的学期' }, /校历里没有「没有的学期」这个学期/],
    ['workPlan.appraisal', { schoolId: D.school, term: '没有的学期' }, /校历里没有/],
    [
      'workPlan.saveGroup',
      { planId: plan._id, members: [{ bindingId: ids.otherTeacher, role: 'leader', duties: '' }], responsibilities: [] },
      /负责人不是本校的老师或管理员/,
    ],
    [
      'workPlan.saveGroup',
      {
        planId: plan._id,
        members: [
          { bindingId: ids.admin, role: 'leader', duties: '' },
          { bindingId: ids.teacher, role: 'leader', duties: '' },
        ],
        responsibilities: [],
      },
      /只能有一位组长/,
    ],
    [
      'workPlan.saveGroup',
      { planId: plan._id, members: [], responsibilities: [{ classId: OTHER.classId, duty: 'talks', bindingId: ids.teacher }] },
      /班级不存在或不是本校的/,
    ],
    [
      'workPlan.saveGroup',
      {
        planId: plan._id,
        members: [],
        responsibilities: [
          { classId: D.c1, duty: 'talks', bindingId: ids.teacher },
          { classId: D.c1, duty: 'talks', bindingId: ids.teacher2 },
        ],
      },
      /同一个班的同一项工作只能由一位老师负责/,
    ],
    [
      'workPlan.saveGroup',
      { planId: plan._id, members: Array.from({ length: 31 }, () => ({ bindingId: ids.admin, role: 'member', duties: '' })), responsibilities: [] },
      /最多 30 人/,
    ],
  ];
  for (const [action, input, message] of cases) {
    const error = await fails(env, D.admin, action as never, input, D.now);
    expect([action, error.message]).toEqual([action, expect.stringMatching(message)]);
    expect(['INVALID_INPUT', 'NOT_FOUND', 'BAD_REQUEST']).toContain(error.code);
  }
  expect((await audits()).length).toBe(before.audits);
  expect((await docs(env, 'workPlans', { schoolId: D.school })).length).toBe(before.plans);
  expect((await planOf(SPRING))[0].version).toBe(plan.version);
});

test('only the school admin edits: a teacher and another school are refused', async () => {
  const [plan] = await planOf(SPRING);
  const item = { planId: plan._id, month: '2027-04', title: '走访', owner: { kind: 'group' }, status: 'todo', evidence: [] };
  const refusals = await Promise.all([
    fails(env, D.teacher, 'workPlan.saveItem', item, D.now),
    fails(env, D.teacher, 'workPlan.create', { schoolId: D.school, term: SPRING }, D.now),
    fails(env, D.teacher, 'workPlan.saveGroup', { planId: plan._id, members: [], responsibilities: [] }, D.now),
    fails(env, D.teacher, 'workPlan.appraisal', { schoolId: D.school }, D.now),
    fails(env, OTHER.admin, 'workPlan.saveItem', item, D.now),
    fails(env, OTHER.admin, 'workPlan.removeItem', { planId: plan._id, itemId: plan.items[0].id }, D.now),
    fails(env, OTHER.admin, 'workPlan.get', { schoolId: D.school }, D.now),
    fails(env, OTHER.admin, 'workPlan.appraisal', { schoolId: D.school }, D.now),
    fails(env, D.countyAdmin, 'workPlan.get', { schoolId: D.school }, D.now),
  ]);
  for (const e of refusals) expect(e).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  expect((await planOf(SPRING))[0]).toEqual(plan);
});

test("on the 1st (Beijing) each owner hears of the month's items not done, once", async () => {
  const [plan] = await planOf(SPRING);
  const may = plan.items.filter((i) => i.month === '2027-05');
  // 庆祝活动 to the class teacher, the film done already, the rest the leading group's (组长 the admin, 副组长 王老师).
  await ok(
    env,
    D.admin,
    'workPlan.saveItem',
    {
      planId: plan._id,
      itemId: may[0].id,
      month: '2027-05',
      title: may[0].title,
      owner: { kind: 'teacher', bindingId: ids.teacher2 },
      status: 'todo',
      evidence: [],
    },
    D.now,
  );
  const film = may.find((i) => i.title.includes('专题片'))!;
  await ok(
    env,
    D.admin,
    'workPlan.saveItem',
    { planId: plan._id, itemId: film.id, month: '2027-05', title: film.title, owner: { kind: 'group' }, status: 'done', evidence: [] },
    D.now,
  );
  await ok(
    env,
    D.admin,
    'workPlan.saveGroup',
    {
      planId: plan._id,
      members: [
        { bindingId: ids.admin, role: 'leader', duties: '全面负责' },
        { bindingId: ids.teacher, role: 'deputy', duties: '档案与结对' },
        { bindingId: ids.teacher2, role: 'member', duties: '亲情视频' },
      ],
      responsibilities: [],
    },
    D.now,
  );
  const outbox = () => docs<OutboxEntry>(env, 'outbox', { kind: 'workPlan.month' });
  // 08:00 on 1 May in Beijing is still 30 April in New York: May's items are due, not April's.
  const first = fromBeijing('2027-05-01 08:00');
  expect(first.getDate()).toBe(30);
  await Promise.all([fire(env, 'monthly', first), fire(env, 'monthly', first)]);
  await fire(env, 'monthly', fromBeijing('2027-05-01 09:00'));
  const sent = await outbox();
  const expected = [
    [TEACHER2, '5月工作安排：开展留守儿童庆祝活动'],
    [D.admin, '5月工作安排：完善结对活动、档案信息更新'],
    [D.teacher, '5月工作安排：完善结对活动、档案信息更新'],
    [D.admin, '5月工作安排：开通留守儿童亲情电话、有条件开展亲情视频'],
    [D.teacher, '5月工作安排：开通留守儿童亲情电话、有条件开展亲情视频'],
  ];
  expect(sent.map((o) => [o.to, o.title]).sort()).toEqual(expected.sort());
  expect(sent.every((o) => o.occurrence === '2027-05' && o.page === `areas/workplan/pages/plan/index?schoolId=${D.school}`)).toBe(true);
  // The next month: June's items, and May's are not sent again.
  await fire(env, 'monthly', fromBeijing('2027-06-01 08:00'));
  const june = (await outbox()).filter((o) => o.occurrence === '2027-06');
  expect(june.length).toBeGreaterThan(0);
  expect((await outbox()).filter((o) => o.occurrence === '2027-05')).toHaveLength(expected.length);
});

test("the appraisal counts each teacher's duties from the records, as the dashboard does", async () => {
  const [plan] = await planOf(SPRING);
  // 四年级(1)班's archive and talks are given to 李老师; with no head teacher marked, its only teacher answers for the rest too.
  await ok(
    env,
    D.admin,
    'workPlan.saveGroup',
    {
      planId: plan._id,
      members: [{ bindingId: ids.admin, role: 'leader', duties: '全面负责' }],
      responsibilities: [
        { classId: D.c2, duty: 'archive', bindingId: ids.teacher2 },
        { classId: D.c2, duty: 'talks', bindingId: ids.teacher2 },
      ],
    },
    D.now,
  );
  const view = await ok(env, D.admin, 'workPlan.appraisal', { schoolId: D.school, term: SPRING }, D.now);
  const row = (openid: string) => view.rows.find((r) => r.openid === openid)!;
  const pair = (c: { done: number; due: number } | null) => (c ? [c.done, c.due] : null);
  const wang = row(D.teacher);
  expect(wang.name).toBe('王老师');
  expect(wang.role).toBe('三年级(1)班 班主任');
  // 三年级(1)班: 甲一 complete, 乙二 without a guardian, 丙三 without consent.
  expect(pair(wang.cells.archive)).toEqual([1, 3]);
  // Three children due a talk in February, March and April: 乙二's March talk and 甲一's April talk.
  expect(pair(wang.cells.talks)).toEqual([2, 9]);
  const classRates = (await ok(env, D.admin, 'dashboard.school', { classId: D.c1, term: SPRING }, D.now)).rates;
  const of = (key: string) => classRates.find((r) => r.key === key)!;
  expect(pair(wang.cells.pairing)).toEqual([of('pairing').numerator, of('pairing').denominator]);
  expect(pair(wang.cells.familyCall)).toEqual([of('contact').numerator, of('contact').denominator]);
  expect(pair(wang.cells.parentMeeting)).toEqual([of('parentEducation').numerator, of('parentEducation').denominator]);
  const sum = Object.values(wang.cells).reduce((s, c) => [s[0] + (c?.done ?? 0), s[1] + (c?.due ?? 0)], [0, 0]);
  expect(pair(wang.total)).toEqual(sum);

  const li = row(TEACHER2);
  // 四年级(1)班: 丁四 complete, 庚七 without consent; talks: 丁四 in April of the two children's three months.
  expect(pair(li.cells.archive)).toEqual([1, 2]);
  expect(pair(li.cells.talks)).toEqual([1, 6]);
  // 丁四's buddy pairing ended, 庚七 has no pairing.
  expect(pair(li.cells.pairing)).toEqual([0, 2]);
  expect(li.role).toBe('四年级(1)班 数学老师');
  // The admin answers for no class: no row, though 组长.
  expect(view.rows.some((r) => r.openid === D.admin)).toBe(false);
  // Counts only: no child's name or id in the appraisal.
  const text = JSON.stringify(view);
  for (const s of ['甲一', '乙二', '丙三', '丁四', '庚七', '"k1"', '"k4"']) expect(text).not.toContain(s);

  // A term not begun has no appraisal yet.
  expect((await fails(env, D.admin, 'workPlan.appraisal', { schoolId: D.school, term: SPRING }, fromBeijing('2027-02-10 10:00'))).message).toBe(
    '2027年春季学期还没有开始，开学后才有考评',
  );
});

test("a paired child's talks are each live mentor's; the others' the class's holder's, from the month the child came", async () => {
  const db = env.app.database();
  const yearAgo = fromBeijing('2026-04-01 10:00');
  const mentor = (childId: string, classId: string, mentorOpenid: string | null, endedAt: Date | null = null) => ({
    _id: `appraisal-${childId}-${mentorOpenid}`,
    schoolId: D.school,
    classId,
    childId,
    kind: 'mentor',
    mentorOpenid,
    endedAt,
    personName: '帮扶老师',
  });
  const pairings = [
    mentor('k1', D.c1, 'ds-mentor-a'),
    mentor('k2', D.c1, 'ds-mentor-a'),
    mentor('k2', D.c1, 'ds-mentor-b'),
    mentor('k3', D.c1, 'ds-mentor-c', yearAgo),
  ];
  const child = (id: string, createdAt: Date | null, leftBehindType = 'both_away') => ({
    _id: id,
    schoolId: D.school,
    classId: D.c2,
    communityId: null,
    name: '新生',
    gender: 'male',
    birthDate: '2017-05-05',
    leftBehindType,
    createdAt,
    deletedAt: null,
  });
  // k8 on the roll from March (its February card does not count, its two April cards count once); k9 with no entry
  // date (never due); k10 due every month, no card; k11 came after the day asked, due in April only.
  const children = [
    child('k8', fromBeijing('2027-03-10 09:00')),
    child('k9', null),
    child('k10', yearAgo, 'one_away_other_unable'),
    child('k11', fromBeijing('2027-04-02 09:00')),
  ];
  const talk = (childId: string, date: string, n = 0) => ({
    _id: `appraisal-${childId}-${date}-${n}`,
    schoolId: D.school,
    classId: D.c2,
    childId,
    date,
    month: date.slice(0, 7),
  });
  const talks = [talk('k8', '2027-02-20'), talk('k8', '2027-04-01'), talk('k8', '2027-04-01', 1), talk('k9', '2027-04-01')];
  await Promise.all([db.collection('pairings').add(pairings), db.collection('children').add(children), db.collection('talks').add(talks)]);
  try {
    const view = await ok(env, D.admin, 'workPlan.appraisal', { schoolId: D.school, term: SPRING }, D.now);
    const talksOf = (openid: string) => {
      const c = view.rows.find((r) => r.openid === openid)?.cells.talks;
      return c ? [c.done, c.due] : null;
    };
    // 甲一 (April) is mentor a's; 乙二 (March) is both a's and b's; 丙三's mentor left, so 丙三 stays with 王老师.
    expect(talksOf('ds-mentor-a')).toEqual([2, 6]);
    expect(talksOf('ds-mentor-b')).toEqual([1, 3]);
    expect(talksOf('ds-mentor-c')).toBeNull();
    expect(talksOf(D.teacher)).toEqual([0, 3]);
    // 李老师: 丁四 (April) and 庚七 as before, k8 1 of 2 months, k10 0 of 3, k11 0 of 1.
    expect(talksOf(TEACHER2)).toEqual([2, 12]);
  } finally {
    const _ = db.command;
    await Promise.all([
      db
        .collection('pairings')
        .where({ _id: _.in(pairings.map((p) => p._id)) })
        .remove(),
      db
        .collection('children')
        .where({ _id: _.in(children.map((c) => c._id)) })
        .remove(),
      db
        .collection('talks')
        .where({ _id: _.in(talks.map((t) => t._id)) })
        .remove(),
    ]);
  }
});
