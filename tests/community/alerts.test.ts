/**
 * Alerts that reach people, whatever raised them: delivered to exactly the people around the child (admin, the
 * class's 班主任, the mentor, the 儿童主任, the 儿童督导员), each once, even a person holding two of those roles; a
 * delivery cut short is finished by the scheduler; the contact card records "nobody reachable" instead of refusing
 * it; an import's alerts go out too; the mandatory report's steps are checked, stored once and audited.
 */
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO, DEMO_TEMPLATES } from '../../scripts/demo-data';
import { alertRecord } from '../../cloudfunctions/core/alerts/record';
import { at, buildWorld, caller, inboxOf, PEOPLE, phoneId, recipients, type World } from './helpers';
import type { CardInput } from '../../typings/actions/archive';
import type { ReportStepInput } from '../../typings/actions/mandatoryReport';
import type { MandatoryReport } from '../../typings/domain';

let env: TestEmulator;
let world: World;
let ok: ReturnType<typeof caller>['ok'];
let refused: ReturnType<typeof caller>['refused'];
const NOW = at('2027-03-10 10:00');
const db = () => env.app.database();
const count = async (collection: string, where: Record<string, unknown> = {}) => (await db().collection(collection).where(where).count()).total;
const AROUND = () => [DEMO.admin, PEOPLE.head, PEOPLE.mentor, PEOPLE.director, PEOPLE.supervisor].sort();

const noCard: CardInput = { parents: [], guardian: null, emergency: null };

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  ({ ok, refused } = caller(env));
  world = await buildWorld(env, at('2027-03-01 09:00'));
  // a subject teacher of 五年级(1)班 besides its 班主任: a class with a 班主任 tells the 班主任 only
  const invite = await ok(DEMO.admin, 'invites.create', { role: 'teacher', schoolId: 'demo-school', classId: world.classId, title: 'subject' }, NOW);
  await ok('teacher-5-1-math', 'invites.redeem', { code: invite.code }, NOW);
}, 60000);
afterAll(() => env.stop());

describe('delivery', () => {
  test('a situation change reaches the five people around the child, once each, with the steps; a second delivery tells nobody again', async () => {
    const res = await ok(
      PEOPLE.director,
      'visits.record',
      {
        visitId: phoneId('v-'),
        childId: world.childId,
        date: '2027-03-10',
        method: 'phone',
        met: '父亲',
        change: { kind: 'hardship', note: '父亲失去零工，家里断粮' },
      },
      NOW,
    );
    expect(await recipients(env, 'alert.raised', world.childId)).toEqual(AROUND());
    const alert = (await db().collection('alerts').doc(res.alertId!).get()).data[0] as { recipients: { openid: string; reason: string }[]; deliveredAt: Date };
    expect(alert.recipients.map((r) => [r.reason, r.openid])).toEqual([
      ['admin', DEMO.admin],
      ['classTeacher', PEOPLE.head],
      ['mentor', PEOPLE.mentor],
      ['director', PEOPLE.director],
      ['supervisor', PEOPLE.supervisor],
    ]);
    expect(alert.deliveredAt).toEqual(NOW);
    // the scheduler's sweep finds nothing left to deliver
    await env.emulator.timers.fire('scheduler', 'quarterHour', at('2027-03-10 10:15'));
    expect(await recipients(env, 'alert.raised', world.childId)).toEqual(AROUND());
    expect(await inboxOf(env, { kind: 'alert.raised', to: 'teacher-5-1-math' })).toHaveLength(0);
  });

  test('someone holding two of the roles (the admin who is also the mentor) is told once', async () => {
    const pairing = (await ok(DEMO.admin, 'children.get', { childId: world.childId }, NOW)).care.mentor!;
    await ok(DEMO.admin, 'care.end', { pairingId: pairing.id }, NOW);
    const adminAsTeacher = await ok(
      DEMO.admin,
      'invites.create',
      { role: 'teacher', schoolId: 'demo-school', classId: 'demo-class-3-2', title: 'subject' },
      NOW,
    );
    const binding = await ok(DEMO.admin, 'invites.redeem', { code: adminAsTeacher.code }, NOW);
    await ok(DEMO.admin, 'care.pair', { childId: world.childId, kind: 'mentor', teacherBindingId: binding.bindingId, name: '校长' }, NOW);
    const res = await ok(
      PEOPLE.director,
      'visits.record',
      {
        visitId: phoneId('v-'),
        childId: world.childId,
        date: '2027-03-10',
        method: 'home',
        met: '孩子',
        change: { kind: 'out_of_school', note: '一周没去上学' },
      },
      NOW,
    );
    const told = (await inboxOf(env, { kind: 'alert.raised', childId: world.childId })).filter((e) => e.page.endsWith(res.alertId!)).map((e) => e.to);
    expect(told.sort()).toEqual([DEMO.admin, PEOPLE.head, PEOPLE.director, PEOPLE.supervisor].sort());
  });

  test('an alert whose delivery was cut short (stored, never delivered) is delivered by the next quarter-hour run, once', async () => {
    const crashed = {
      _id: 'alert-crashed',
      ...alertRecord({
        schoolId: 'demo-school',
        classId: world.classId,
        childId: world.childId,
        communityId: world.communityId,
        kind: 'situation_change',
        message: '测试：中断的投递',
        createdAt: NOW,
        createdBy: PEOPLE.director,
      }),
    };
    // and one stored before delivery existed: no delivery fields at all
    const { recipients: _a, deliveredAt: _d, seen: _s, mandatoryReport: _r, ...old } = { ...crashed, _id: 'alert-old' };
    await db().collection('alerts').add([crashed, old]);
    const byPage = async (id: string) =>
      (await inboxOf(env, { kind: 'alert.raised' }))
        .filter((e) => e.page.endsWith(`id=${id}`))
        .map((e) => e.to)
        .sort();
    expect(await byPage('alert-crashed')).toEqual([]);
    await env.emulator.timers.fire('scheduler', 'quarterHour', at('2027-03-10 10:30'));
    await env.emulator.timers.fire('scheduler', 'quarterHour', at('2027-03-10 10:45'));
    expect(await byPage('alert-crashed')).toEqual([DEMO.admin, PEOPLE.head, PEOPLE.director, PEOPLE.supervisor].sort());
    expect(await byPage('alert-old')).toEqual([DEMO.admin, PEOPLE.head, PEOPLE.director, PEOPLE.supervisor].sort());
    expect(await count('inbox', { kind: 'alert.raised', childId: world.childId })).toBe(5 + 4 + 4 + 4);
  });

  test('with a template and a subscription the alert also goes out as a WeChat subscribe message', async () => {
    await ok(DEMO.admin, 'reminders.configure', { templates: { notice: DEMO_TEMPLATES.notice } }, NOW);
    await ok(PEOPLE.director, 'reminders.subscribe', { results: { [DEMO_TEMPLATES.notice.id]: 'accept' } }, NOW);
    const res = await ok(
      PEOPLE.director,
      'visits.record',
      {
        visitId: phoneId('v-'),
        childId: world.childId,
        date: '2027-03-10',
        method: 'home',
        met: '孩子',
        change: { kind: 'harm_suspected', note: '身上有伤，孩子不愿说' },
      },
      NOW,
    );
    await env.emulator.timers.fire('scheduler', 'quarterHour', at('2027-03-10 11:00'));
    const sent = env.emulator.wx.messages({ touser: PEOPLE.director });
    expect(sent.map((m) => m.page)).toEqual([`areas/community/pages/alert/index?id=${res.alertId}`]);
    expect(JSON.stringify(sent[0].data)).toContain('紧急预警');
  });
});

describe('the contact card records “nobody reachable”', () => {
  test('without a phone and without that state the card is refused, with the way out named; nothing is written', async () => {
    const child = await ok(PEOPLE.head, 'children.get', { childId: world.childId }, NOW);
    const before = await count('alerts');
    const error = await refused(
      PEOPLE.head,
      'contactCards.save',
      {
        childId: world.childId,
        expectedVersion: child.contactCard!.version,
        ...noCard,
        parents: [{ name: '石建国', relation: '父亲', phone: null, workCity: null, workUnit: null, workAddress: null, workPhone: null }],
      },
      NOW,
    );
    expect(error.message).toBe('父母和监护人至少要有一个联系电话；确实谁也联系不上的，请选择“无法联系到任何监护人”并写明原因');
    expect(
      await refused(
        PEOPLE.head,
        'contactCards.save',
        { childId: world.childId, expectedVersion: child.contactCard!.version, ...noCard, unreachable: { reason: '' } },
        NOW,
      ),
    ).toMatchObject({
      message: '输入有误：请填写无法联系到监护人的原因',
    });
    expect(await count('alerts')).toBe(before);
  });

  test('recorded for a child who is not left behind it still raises the alert; a capable guardian later resolves it by itself', async () => {
    const created = await ok(
      DEMO.teacher,
      'archive.create',
      { classId: 'demo-class-3-1', name: '钱小满', gender: 'female', birthDate: '2017-05-01', leftBehindType: 'not_left_behind' },
      NOW,
    );
    await ok(
      DEMO.teacher,
      'consent.record',
      {
        childId: created.childId,
        decision: 'granted',
        noticeVersion: (await ok(DEMO.teacher, 'privacy.notice', {}, NOW)).version,
        method: 'paper',
        signerName: '钱父',
        signerRelation: '父亲',
      },
      NOW,
    );
    const saved = await ok(
      DEMO.teacher,
      'contactCards.save',
      { childId: created.childId, expectedVersion: 0, ...noCard, unreachable: { reason: '父母均失联' } },
      NOW,
    );
    expect(saved.alert).toBe('raised');
    expect(await recipients(env, 'alert.raised', created.childId)).toEqual([DEMO.admin, DEMO.teacher, DEMO.community, DEMO.township].sort());
    const card = await ok(DEMO.teacher, 'children.get', { childId: created.childId }, NOW);
    expect(card.contactCard?.unreachable).toEqual({ reason: '父母均失联' });
    const fixed = await ok(
      DEMO.teacher,
      'contactCards.save',
      {
        childId: created.childId,
        expectedVersion: card.contactCard!.version,
        parents: [],
        guardian: { name: '钱奶奶', relation: '祖母', occupation: null, address: null, phone: '13900001111', health: null, age: 60, capable: true },
        emergency: null,
        unreachable: null,
      },
      NOW,
    );
    expect(fixed.alert).toBe('resolved');
  });
});

test('an import’s guardian alerts are delivered to the people around each child', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('留守儿童');
  ws.addRow(['班级', '姓名', '性别', '出生日期', '留守类型', '父亲姓名', '父亲电话', '监护人同意书', '签字人', '签字人关系']);
  ws.addRow(['三年级(1)班', '孙小雨', '女', '2017-02-02', '父母均外出', '孙大海', '13800002222', '已签', '孙大海', '父亲']);
  const data = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const upload = await ok(
    DEMO.teacher,
    'imports.upload',
    { schoolId: 'demo-school', classId: 'demo-class-3-1', fileName: '花名册.xlsx', seq: 0, total: 1, data },
    NOW,
  );
  expect(await ok(DEMO.teacher, 'imports.commit', { uploadId: upload.uploadId }, NOW)).toMatchObject({ created: 1, alerts: 1 });
  const child = (await db().collection('children').where({ name: '孙小雨' }).get()).data[0] as { _id: string };
  expect(await recipients(env, 'alert.raised', child._id)).toEqual([DEMO.admin, DEMO.teacher, DEMO.community, DEMO.township].sort());
});

describe('the mandatory report', () => {
  let alertId = '';
  beforeAll(async () => {
    alertId = (
      await ok(
        PEOPLE.director,
        'visits.record',
        {
          visitId: phoneId('v-'),
          childId: world.childId,
          date: '2027-03-10',
          method: 'home',
          met: '邻居',
          change: { kind: 'guardian_lost', note: '父亲外出未归，孩子独自在家三天' },
        },
        NOW,
      )
    ).alertId!;
  });
  const step = (over: Record<string, unknown> = {}) => ({
    alertId,
    step: { kind: 'report', agency: 'police', actor: '王主任', date: '2027-03-10', time: '10:20', ...over } as ReportStepInput,
  });
  const stored = async () => ((await db().collection('alerts').doc(alertId).get()).data[0] as { mandatoryReport: MandatoryReport }).mandatoryReport;

  test.each([
    ['a report dated in the future', { time: '12:00' }, '时间不能晚于现在'],
    ['no agency', { agency: undefined }, '请选择向哪个部门报告'],
    ['an agency that is none of them', { agency: 'news' }, '报告部门只能是公安、民政、教育局、妇联或其他'],
    ['no reporter', { actor: '' }, '请填写报告人'],
    ['a time with seconds and a zone', { time: '10:20:00+08:00' }, '时间格式应为 HH:mm，例如 19:30'],
    ['a follow-up before any report', { kind: 'follow_up', agency: null, note: '派出所已出警' }, '请先登记向哪个部门报告，再登记跟进情况'],
  ])('%s is refused and writes nothing', async (_what, over, message) => {
    const error = await refused(PEOPLE.director, 'mandatoryReport.addStep', step(over), at('2027-03-10 10:30'));
    expect(error.message).toContain(message);
    expect((await stored()).steps).toEqual([]);
  });

  test('a report sent twice is one step; each step is audited with the change', async () => {
    const first = await ok(PEOPLE.director, 'mandatoryReport.addStep', step(), at('2027-03-10 10:30'));
    const again = await ok(PEOPLE.director, 'mandatoryReport.addStep', step(), at('2027-03-10 10:31'));
    expect(again.mandatoryReport!.steps.map((s) => s.id)).toEqual([first.mandatoryReport!.steps[0].id]);
    await ok(
      PEOPLE.supervisor,
      'mandatoryReport.addStep',
      step({ kind: 'follow_up', agency: 'police', note: '派出所已找到父亲，孩子暂住叔叔家', caseNumber: 'JQ20270310-17' }),
      at('2027-03-10 15:00'),
    );
    // the former mentor (the pairing ended above) may no longer
    expect(await refused(PEOPLE.mentor, 'mandatoryReport.addStep', step({ kind: 'follow_up', note: '回访' }), at('2027-03-10 15:00'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const report = await stored();
    expect(report.steps.map((s) => [s.kind, s.recordedByLabel])).toEqual([
      ['report', '安静社区 儿童主任'],
      ['follow_up', '团结街道 儿童督导员'],
    ]);
    expect(report.steps[0].at).toEqual(new Date('2027-03-10T02:20:00Z'));
    const audited = (await db().collection('auditLog').where({ action: 'mandatoryReport.addStep', childId: world.childId }).get()).data as { note: string }[];
    expect(audited.map((a) => a.note)).toEqual(['强制报告：向公安机关报告', '强制报告：跟进']);
  });
});

describe('a restricted alert (e.g. a suspected harm) reaches exactly the people it names, and only they see it', () => {
  // The former mentor (the pairing ended above) still teaches 三年级(2)班: not around the child any more, but named.
  const restricted = (id: string, audience: string[]) => ({
    _id: id,
    ...alertRecord({
      schoolId: 'demo-school',
      classId: world.classId,
      childId: world.childId,
      communityId: world.communityId,
      kind: 'talk_concern',
      message: '测试：谈心发现疑似受到侵害',
      urgent: true,
      createdAt: NOW,
      createdBy: PEOPLE.head,
      audience,
    }),
  });
  const toldOf = async (id: string) => (await inboxOf(env, { kind: 'alert.raised' })).filter((e) => e.page.endsWith(`=${id}`)).map((e) => e.to);

  test('the admins and everyone named who still works at the school are told, once each; nobody else', async () => {
    await db()
      .collection('alerts')
      .add(restricted('alert-restricted', [DEMO.admin, PEOPLE.head, PEOPLE.mentor, 'teacher-who-left']));
    await env.emulator.timers.fire('scheduler', 'quarterHour', at('2027-03-10 11:15'));
    await env.emulator.timers.fire('scheduler', 'quarterHour', at('2027-03-10 11:30'));
    expect((await toldOf('alert-restricted')).sort()).toEqual([DEMO.admin, PEOPLE.head, PEOPLE.mentor].sort());
    const alert = (await db().collection('alerts').doc('alert-restricted').get()).data[0] as {
      recipients: { openid: string; reason: string; label: string }[];
    };
    expect(alert.recipients.map((r) => [r.reason, r.openid, r.label])).toEqual([
      ['admin', DEMO.admin, expect.any(String)],
      ['classTeacher', PEOPLE.head, '五年级(1)班 班主任'],
      ['named', PEOPLE.mentor, expect.stringContaining('三年级(2)班')],
    ]);
  });

  test('the named teacher opens it (and may record the report); the 儿童主任, the 儿童督导员 and another teacher of the class may not', async () => {
    const opened = await ok(PEOPLE.mentor, 'alerts.get', { alertId: 'alert-restricted' }, NOW);
    expect(opened.alert.told.map((t) => t.reason)).toEqual(['管理员', '班主任', '预警指定的人']);
    expect(opened.canReport).toBe(true);
    for (const openid of [PEOPLE.director, PEOPLE.supervisor, 'teacher-5-1-math'])
      expect(await refused(openid, 'alerts.get', { alertId: 'alert-restricted' }, NOW)).toMatchObject({
        code: 'FORBIDDEN',
        message: '该预警仅管理员和孩子的帮扶教师可以查看',
      });
    // naming reaches only this alert: the named teacher still cannot open the child's other alerts
    const other = (await inboxOf(env, { kind: 'alert.raised', to: PEOPLE.director })).map((e) => e.page.split('=')[1]).find((id) => !id.startsWith('alert-'))!;
    expect(await refused(PEOPLE.mentor, 'alerts.get', { alertId: other }, NOW)).toMatchObject({ code: 'FORBIDDEN' });
  });

  test('the township overview and the 儿童主任’s register leave it out (not even counted); the admin’s overview shows it', async () => {
    const overview = await ok(PEOPLE.supervisor, 'community.township', { townshipId: world.townshipId }, NOW);
    const openIds = overview.alerts.map((a) => a.id);
    expect(openIds).not.toContain('alert-restricted');
    expect(openIds.length).toBeGreaterThan(0);
    expect(overview.communities.find((c) => c.id === world.communityId)!.openAlerts).toBe(openIds.length);
    const register = await ok(PEOPLE.director, 'community.children', { communityId: world.communityId }, NOW);
    expect(register.stats.openAlerts).toBe(openIds.length);
    expect(register.rows.find((r) => r.childId === world.childId)!.openAlerts).toBe(openIds.length);
    const asAdmin = await ok(DEMO.admin, 'community.township', { townshipId: world.townshipId }, NOW);
    expect(asAdmin.alerts.map((a) => a.id).sort()).toEqual([...openIds, 'alert-restricted'].sort());
    expect(asAdmin.communities.find((c) => c.id === world.communityId)!.openAlerts).toBe(openIds.length + 1);
  });
});
