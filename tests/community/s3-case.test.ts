/**
 * The S3 case (安静社区, seed plan 3) end to end through the actions: a 12-year-old who lives with his father; a
 * routine visit; in summer the visit that finds the father jailed and the boy boarding at a tutoring centre with a
 * 3,000 元 debt; the alert delivered to exactly the people around him; the mandatory report to the street office's
 * civil affairs; the contact card recording that nobody can be reached; 临时救助 4,000 元 applied, approved, paid;
 * the debt paid; 低保 raised from 245 to 650 元; boarding fees taken each month (with the reminder); 六一 clothes and
 * school things; the referral to 草根爱心公益团队; the alert closed with what was done. Then what each role sees.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { at, buildWorld, caller, inboxOf, PEOPLE, phoneId, recipients, type World } from './helpers';

let env: TestEmulator;
let world: World;
let ok: ReturnType<typeof caller>['ok'];
let refused: ReturnType<typeof caller>['refused'];

const SPRING = at('2027-04-20 10:00');
const SUMMER = at('2027-07-05 16:30');
const LATER = at('2027-09-25 10:00');
const jailVisit = phoneId('visit-jail-');
const ids = { relief: phoneId('relief-'), boarding: phoneId('boarding-'), alert: '', guardianAlert: '' };

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  ({ ok, refused } = caller(env));
  world = await buildWorld(env, at('2027-03-01 09:00'));
}, 60000);
afterAll(() => env.stop());

test('a routine spring visit records the boy’s situation and raises nothing', async () => {
  const res = await ok(
    PEOPLE.director,
    'visits.record',
    {
      visitId: phoneId('visit-spring-'),
      childId: world.childId,
      date: '2027-04-20',
      method: 'home',
      met: '父亲和孩子本人',
      situation: { living: '父子同住，饭菜简单', schooling: '按时上学', mood: '开朗' },
      guardianCondition: '父亲腿伤未愈，只能打零工',
      findings: '家庭收入低',
      nextSteps: [{ text: '了解低保申请条件', due: '2027-05-20' }],
    },
    SPRING,
  );
  expect(res).toMatchObject({ created: true, alertId: null });
  expect(await inboxOf(env, { kind: 'alert.raised', childId: world.childId })).toHaveLength(0);
});

test('the summer visit finds the father jailed: the alert goes to exactly the admin, the class teacher, the mentor, the 儿童主任 and the 儿童督导员, once each', async () => {
  const input = {
    visitId: jailVisit,
    childId: world.childId,
    date: '2027-07-05',
    method: 'home' as const,
    met: '启迪辅导班老师和孩子本人',
    situation: { living: '寄宿在启迪辅导班', schooling: '暑假', safety: '辅导班表示拖欠费用将不再收留', mood: '沉默，担心没地方住' },
    guardianCondition: '父亲因盗窃罪入狱，母亲多年无音讯',
    findings: '拖欠寄宿费三千余元',
    change: { kind: 'parent_jailed' as const, note: '父亲因盗窃罪入狱，孩子无人照料，寄宿在启迪辅导班，拖欠寄宿费3000余元' },
  };
  const first = await ok(PEOPLE.director, 'visits.record', input, SUMMER);
  expect(first).toMatchObject({ created: true });
  ids.alert = first.alertId!;
  // the answer was lost: the phone sends it again, and again at once
  const again = await Promise.all([0, 1, 2].map(() => ok(PEOPLE.director, 'visits.record', input, SUMMER)));
  expect(again.map((r) => r.created)).toEqual([false, false, false]);
  expect(again.every((r) => r.alertId === ids.alert)).toBe(true);

  const told = [DEMO.admin, PEOPLE.head, PEOPLE.mentor, PEOPLE.director, PEOPLE.supervisor].sort();
  expect(await recipients(env, 'alert.raised', world.childId)).toEqual(told);
  const entry = (await inboxOf(env, { kind: 'alert.raised', to: PEOPLE.mentor }))[0];
  expect(entry.title).toBe('紧急预警：石彦军父母服刑或被羁押');
  expect(entry.body).toContain('父亲因盗窃罪入狱');
  expect(entry.body).toContain('1. 当天核实孩子现在由谁照看、住在哪里');
  expect(entry.page).toBe(`areas/community/pages/alert/index?id=${ids.alert}`);
  // and the subscribe message waits in the outbox for the next delivery run
  const outbox = await env.app.database().collection('outbox').where({ kind: 'alert.raised', subject: ids.alert }).get();
  expect(outbox.data).toHaveLength(5);
  // nobody else: the demo class teacher of 3-1, the 河西村 儿童主任, families
  for (const who of [DEMO.teacher, PEOPLE.otherDirector, DEMO.community, DEMO.parent])
    expect(await inboxOf(env, { kind: 'alert.raised', to: who })).toHaveLength(0);
  const visits = await env.app.database().collection('visits').where({ childId: world.childId }).count();
  expect(visits.total).toBe(2);
});

test('the alert shows who saw it; the 儿童主任 reports to civil affairs; the class teacher may not see the report', async () => {
  const asDirector = await ok(PEOPLE.director, 'alerts.get', { alertId: ids.alert }, SUMMER);
  expect(asDirector.steps[0]).toBe('当天核实孩子现在由谁照看、住在哪里');
  expect(asDirector.change).toMatchObject({ kind: 'parent_jailed', label: '父母服刑或被羁押' });
  expect(asDirector.child).toMatchObject({ name: '石彦军', age: 12, communityName: '安静社区' });
  expect(asDirector.alert.told.find((t) => t.reason === '儿童主任')?.seenAt).not.toBeNull();
  expect(asDirector.alert.told.find((t) => t.reason === '管理员')?.seenAt).toBeNull();

  await ok(
    PEOPLE.director,
    'mandatoryReport.addStep',
    {
      alertId: ids.alert,
      step: { kind: 'report', agency: 'civil_affairs', actor: '安静社区 王主任', date: '2027-07-05', time: '17:10', note: '向团结街道领导和民政科报告' },
    },
    at('2027-07-05 17:30'),
  );
  await ok(
    PEOPLE.supervisor,
    'mandatoryReport.addStep',
    {
      alertId: ids.alert,
      step: { kind: 'follow_up', actor: '团结街道 张督导', date: '2027-07-06', time: '09:00', note: '民政科受理临时救助申请', caseNumber: 'MZ-2027-0706' },
    },
    at('2027-07-06 09:30'),
  );
  const asMentor = await ok(PEOPLE.mentor, 'alerts.get', { alertId: ids.alert }, at('2027-07-06 10:00'));
  expect(asMentor.reports?.map((r) => [r.kindLabel, r.agencyLabel, r.caseNumber])).toEqual([
    ['报告', '民政部门', null],
    ['跟进', null, 'MZ-2027-0706'],
  ]);
  expect(asMentor.alert.acted.map((a) => a.label)).toEqual(['安静社区 儿童主任', '团结街道 儿童督导员']);
  const asHead = await ok(PEOPLE.head, 'alerts.get', { alertId: ids.alert }, at('2027-07-06 10:00'));
  expect(asHead.reports).toBeNull();
  expect(JSON.stringify(asHead)).not.toContain('MZ-2027-0706');
  expect(asHead.canReport).toBe(false);
  expect(
    await refused(
      PEOPLE.head,
      'mandatoryReport.addStep',
      { alertId: ids.alert, step: { kind: 'report', agency: 'police', actor: '班主任', date: '2027-07-06', time: '10:00' } },
      at('2027-07-06 10:00'),
    ),
  ).toMatchObject({
    code: 'FORBIDDEN',
  });
  const seen = (await ok(DEMO.admin, 'alerts.get', { alertId: ids.alert }, at('2027-07-06 11:00'))).alert.told.filter((t) => t.seenAt).map((t) => t.reason);
  expect(seen.sort()).toEqual(['儿童主任', '帮扶教师', '班主任', '管理员'].sort());
});

test('the contact card records that nobody can be reached (not refused), which raises the guardian alert for the same people', async () => {
  const child = await ok(PEOPLE.head, 'children.get', { childId: world.childId }, at('2027-07-06 11:00'));
  const saved = await ok(
    PEOPLE.head,
    'contactCards.save',
    {
      childId: world.childId,
      expectedVersion: child.contactCard!.version,
      parents: [{ name: '石建国', relation: '父亲', phone: null, workCity: null, workUnit: null, workAddress: null, workPhone: null }],
      guardian: null,
      emergency: null,
      unreachable: { reason: '父亲服刑，母亲离家多年无音讯，暂无其他监护人' },
    },
    at('2027-07-06 11:05'),
  );
  expect(saved.alert).toBe('raised');
  const guardian = await env.app.database().collection('alerts').where({ childId: world.childId, kind: 'no_capable_guardian' }).get();
  ids.guardianAlert = (guardian.data[0] as { _id: string })._id;
  expect((guardian.data[0] as { message: string }).message).toContain('无法联系到任何监护人');
  const told = (await inboxOf(env, { kind: 'alert.raised', childId: world.childId }))
    .filter((e) => e.page.endsWith(ids.guardianAlert))
    .map((e) => e.to)
    .sort();
  expect(told).toEqual([DEMO.admin, PEOPLE.head, PEOPLE.mentor, PEOPLE.director, PEOPLE.supervisor].sort());
});

test('the ledger: relief applied, approved and paid; the debt paid; 低保 245 → 650; boarding fees each month; 六一 aid; the referral', async () => {
  const child = world.childId;
  const d = PEOPLE.director;
  await ok(
    d,
    'assistance.add',
    { entryId: phoneId('allow-245-'), childId: child, kind: 'allowance', date: '2027-01-01', amountFen: 24500, party: '团结街道民政科' },
    at('2027-03-02 10:00'),
  );
  await ok(
    d,
    'assistance.add',
    { entryId: phoneId('six-one-a-'), childId: child, kind: 'material', date: '2027-06-01', item: '换季衣物', quantity: 2, source: 'community' },
    at('2027-06-01 15:00'),
  );
  await ok(
    d,
    'assistance.add',
    {
      entryId: phoneId('six-one-b-'),
      childId: child,
      kind: 'material',
      date: '2027-06-01',
      item: '学习用品',
      quantity: 1,
      source: 'community',
      amountFen: 8800,
    },
    at('2027-06-01 15:00'),
  );
  await ok(
    d,
    'assistance.add',
    { entryId: ids.relief, childId: child, kind: 'relief', date: '2027-07-06', amountFen: 400000, party: '团结街道民政科' },
    at('2027-07-06 14:00'),
  );
  await ok(d, 'assistance.update', { entryId: ids.relief, stage: 'approved', amountFen: 400000, on: '2027-07-10' }, at('2027-07-10 09:00'));
  await ok(d, 'assistance.update', { entryId: ids.relief, stage: 'paid', amountFen: 400000, on: '2027-07-12' }, at('2027-07-12 09:00'));
  await ok(
    d,
    'assistance.add',
    { entryId: phoneId('debt-'), childId: child, kind: 'payment', date: '2027-07-12', amountFen: 300000, item: '寄宿费欠款', party: '启迪辅导班' },
    at('2027-07-12 10:00'),
  );
  await ok(
    d,
    'assistance.add',
    { entryId: phoneId('allow-650-'), childId: child, kind: 'allowance', date: '2027-08-01', amountFen: 65000, party: '团结街道民政科' },
    at('2027-07-20 10:00'),
  );
  await ok(
    d,
    'assistance.add',
    { entryId: ids.boarding, childId: child, kind: 'recurring', date: '2027-08-01', amountFen: 65000, item: '寄宿费', party: '启迪辅导班', dayOfMonth: 15 },
    at('2027-07-20 10:00'),
  );
  for (const month of ['2027-08', '2027-09'])
    await ok(
      d,
      'assistance.add',
      {
        entryId: phoneId(`fee-${month}-`),
        childId: child,
        kind: 'payment',
        date: `${month}-15`,
        amountFen: 65000,
        item: '寄宿费',
        party: '启迪辅导班',
        recurringId: ids.boarding,
      },
      at(`${month}-15 16:00`),
    );
  await ok(
    d,
    'assistance.add',
    { entryId: phoneId('referral-'), childId: child, kind: 'referral', date: '2027-09-20', party: '草根爱心公益团队', note: '已把孩子的情况反映给团队' },
    at('2027-09-20 10:00'),
  );

  const ledger = await ok(d, 'assistance.ledger', { childId: child }, LATER);
  expect(ledger.totals).toEqual({
    reliefAppliedFen: 400000,
    reliefApprovedFen: 400000,
    reliefPaidFen: 400000,
    allowanceMonthlyFen: 65000,
    paymentsFen: 300000 + 65000 * 2,
    materialItems: 3,
    materialValueFen: 8800,
    referrals: 1,
    children: 1,
  });
  expect(ledger.totalsYuan).toMatchObject({ reliefPaid: '4000.00', payments: '4300.00', allowanceMonthly: '650.00', materialValue: '88.00' });
  expect(ledger.allowanceHistory.map((h) => [h.date, h.amountYuan])).toEqual([
    ['2027-01-01', '245.00'],
    ['2027-08-01', '650.00'],
  ]);
  expect(ledger.recurring).toEqual([
    expect.objectContaining({ item: '寄宿费', party: '启迪辅导班', amountYuan: '650.00', dayOfMonth: 15, paidThisMonth: true }),
  ]);
  // the community's and the school's ledgers add up the same
  const community = await ok(PEOPLE.supervisor, 'assistance.ledger', { communityId: world.communityId }, LATER);
  expect(community.totals.reliefPaidFen).toBe(400000);
  const school = await ok(DEMO.admin, 'assistance.ledger', { schoolId: 'demo-school' }, LATER);
  expect(school.totals.paymentsFen).toBeGreaterThanOrEqual(430000);
  // the same month's fee twice is refused, and nothing is written
  expect(
    await refused(
      d,
      'assistance.add',
      {
        entryId: phoneId('fee-again-'),
        childId: child,
        kind: 'payment',
        date: '2027-09-16',
        amountFen: 65000,
        item: '寄宿费',
        party: '启迪辅导班',
        recurringId: ids.boarding,
        month: '2027-09',
      },
      LATER,
    ),
  ).toMatchObject({ code: 'CONFLICT', message: '9月的寄宿费已经登记过了' });
});

test('in October the 儿童主任 is reminded of the boarding fee on the 15th (Beijing), once, and not after it is paid', async () => {
  const fire = (iso: string) => env.emulator.timers.fire('scheduler', 'morning', at(iso));
  await fire('2027-10-14 07:30');
  expect(await inboxOf(env, { kind: 'assistance.recurring', to: PEOPLE.director })).toHaveLength(0);
  await fire('2027-10-15 07:30');
  await fire('2027-10-16 07:30');
  const reminded = await inboxOf(env, { kind: 'assistance.recurring', to: PEOPLE.director });
  expect(reminded.map((r) => r.title)).toEqual(['10月寄宿费：石彦军']);
  expect(reminded[0].body).toContain('650.00 元请送到启迪辅导班');
  await ok(
    PEOPLE.director,
    'assistance.add',
    {
      entryId: phoneId('fee-oct-'),
      childId: world.childId,
      kind: 'payment',
      date: '2027-10-16',
      amountFen: 65000,
      item: '寄宿费',
      party: '启迪辅导班',
      recurringId: ids.boarding,
    },
    at('2027-10-16 15:00'),
  );
  await fire('2027-11-14 07:30');
  expect(await inboxOf(env, { kind: 'assistance.recurring', to: PEOPLE.director })).toHaveLength(1);
});

test('the alert closes only with what was done, and then shows who closed it', async () => {
  expect(await refused(PEOPLE.supervisor, 'alerts.resolve', { alertId: ids.alert, resolution: '  ' }, LATER)).toMatchObject({ code: 'INVALID_INPUT' });
  expect(await refused(PEOPLE.head, 'alerts.resolve', { alertId: ids.alert, resolution: '已处理' }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
  await ok(
    PEOPLE.supervisor,
    'alerts.resolve',
    { alertId: ids.alert, resolution: '临时救助4000元已发放，欠费已结清，低保提至每月650元，寄宿费每月由社区送到辅导班' },
    LATER,
  );
  const detail = await ok(DEMO.admin, 'alerts.get', { alertId: ids.alert }, LATER);
  expect(detail.alert).toMatchObject({ resolvedBy: '团结街道 儿童督导员' });
  expect(detail.alert.acted.at(-1)?.what).toContain('关闭：临时救助4000元已发放');
  expect(detail.canResolve).toBe(false);
  expect(
    await refused(
      PEOPLE.director,
      'mandatoryReport.addStep',
      { alertId: ids.alert, step: { kind: 'follow_up', actor: '王主任', date: '2027-09-25', time: '09:00', note: '再次回访' } },
      LATER,
    ),
  ).toMatchObject({
    code: 'CONFLICT',
  });
});

describe('what each role sees of the boy', () => {
  const HIDDEN = [
    'health',
    'studySituation',
    'studyRecords',
    'hobbies',
    'familySituation',
    'difficultyNote',
    'idNumber',
    'focusSupport',
    'otherParentUnableReason',
  ];

  test('the 儿童主任: name, age, class, address, card with phones, left-behind type and categories, alerts, visits, ledger; no study, health or family notes', async () => {
    const view = await ok(PEOPLE.director, 'community.child', { childId: world.childId }, LATER);
    expect(Object.keys(view.child).sort()).toEqual(
      ['_id', 'name', 'gender', 'birthDate', 'classId', 'schoolId', 'communityId', 'address', 'leftBehindType', 'difficulties', 'updatedAt'].sort(),
    );
    expect(view).toMatchObject({ age: 12, className: '五年级(1)班', communityName: '安静社区', canVisit: true });
    expect(view.contactCard?.unreachable?.reason).toContain('父亲服刑');
    expect(view.visits.map((v) => v.date)).toEqual(['2027-07-05', '2027-04-20']);
    expect(view.alerts.map((a) => a.kind)).toEqual(['no_capable_guardian']);
    const text = JSON.stringify(view);
    for (const secret of ['身体健康，略偏瘦', '数学较好', '打篮球', '钢板未取出', '家庭收入很低']) expect(text).not.toContain(secret);
    const detail = await ok(PEOPLE.director, 'children.get', { childId: world.childId }, LATER);
    for (const field of HIDDEN) expect(detail.child).not.toHaveProperty(field);
    expect(detail.history).toBeNull();
    for (const secret of ['身体健康，略偏瘦', '数学较好', '打篮球']) expect(JSON.stringify(detail)).not.toContain(secret);
  });

  test('every read is audited, with the fields it returned', async () => {
    const log = await ok(DEMO.admin, 'audit.list', { schoolId: 'demo-school', childId: world.childId, openid: PEOPLE.director }, LATER);
    const reads = log.entries.filter((e) => e.kind === 'read');
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['community.child', 'children.get', 'alerts.get', 'assistance.ledger']));
    const childRead = reads.find((r) => r.action === 'community.child')!;
    expect(childRead.fields).toEqual(expect.arrayContaining(['address', 'contactCard.parents', 'visits', 'assistance']));
    expect(childRead.fields).not.toContain('health');
  });

  test('the register lists him first-hand for the 儿童主任; another community’s 儿童主任 and the other village see nothing of him', async () => {
    const register = await ok(PEOPLE.director, 'community.children', { communityId: world.communityId }, LATER);
    expect(register.rows).toEqual([
      expect.objectContaining({ name: '石彦军', lastVisit: '2027-07-05', openAlerts: 1, urgentAlerts: 1, allowanceMonthlyFen: 65000, reliefPaidFen: 400000 }),
    ]);
    expect(register.community).toEqual({ id: world.communityId, name: '安静社区', townshipName: '团结街道' });
    expect(await refused(PEOPLE.otherDirector, 'community.child', { childId: world.childId }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(PEOPLE.otherDirector, 'community.children', { communityId: world.communityId }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.community, 'alerts.get', { alertId: ids.alert }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the 儿童督导员 sees the street office’s coverage and alerts; the demo 青山镇 supervisor does not', async () => {
    const overview = await ok(PEOPLE.supervisor, 'community.township', { townshipId: world.townshipId }, LATER);
    expect(overview.communities).toEqual([
      expect.objectContaining({
        name: '安静社区',
        directors: ['安静社区 儿童主任'],
        children: 1,
        needVisits: 1,
        overdue: 0,
        coverage: 100,
        openAlerts: 1,
        urgentAlerts: 1,
      }),
    ]);
    expect(overview.alerts.map((a) => a.kind)).toEqual(['no_capable_guardian']);
    expect(overview.totals.reliefPaidFen).toBe(400000);
    expect(await refused(DEMO.township, 'community.township', { townshipId: world.townshipId }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(DEMO.township, 'community.child', { childId: world.childId }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('families and students see none of this', async () => {
    for (const who of [DEMO.parent, DEMO.student, DEMO.guardian]) {
      expect(await refused(who, 'community.child', { childId: world.childId }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refused(who, 'alerts.get', { alertId: ids.alert }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refused(who, 'assistance.ledger', { childId: world.childId }, LATER)).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});
