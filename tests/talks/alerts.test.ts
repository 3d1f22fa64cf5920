/**
 * 疑似受到侵害 / 无人照料 found in a talk: an urgent alert on the existing alert record, seen only by the admins and
 * the child's mentor (not the class teacher who wrote the card, not the community worker), delivered to them through
 * the reminder engine, audited; then the mandatory-report steps (强制报告) recorded on it, each time-stamped.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { AlertRecord } from '../../typings/domain';
import { addTeachers, card, docs, fails, ok, T } from './helpers';

jest.setTimeout(60000);

const NOW = fromBeijing('2027-03-10 10:00');
let env: TestEmulator;
let alertId = '';
const SUBJECT_TEACHER = 'teacher-3-1-chinese';

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
  await env.app.database().collection('bindings').add({
    openid: SUBJECT_TEACHER,
    role: 'teacher',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: null,
    communityId: null,
    label: '三年级(1)班 语文老师',
    createdAt: new Date(),
    revokedAt: null,
  });
  const res = await ok(
    env,
    T.teacher,
    'talks.record',
    card({ talkerRole: 'class_teacher', date: '2027-03-09', concerns: ['suspected_harm', 'no_care'], concernNote: '手臂上有淤青，说晚上家里没有大人' }),
    NOW,
  );
  alertId = res.alertId!;
}, 60000);
afterAll(() => env.stop());

test('the alert is stored on the alert record, for the admins and the mentor only, and audited with the card', async () => {
  const [alert] = await docs<AlertRecord>(env, 'alerts', { _id: alertId });
  expect(alert).toMatchObject({
    kind: 'talk_concern',
    childId: 'demo-child-01',
    audience: [T.admin, T.mentor],
    mandatoryReport: { required: true, steps: [] },
    resolvedAt: null,
    message: '3月9日谈心发现林小禾疑似受到侵害、无人照料，请立即核实，按强制报告制度向有关部门报告并记录',
  });
  expect(alert.source).toEqual({ kind: 'talk', id: expect.stringMatching(/^talk_demo-child-01_20270309_/) });
  const [entry] = await docs<{ fields: string[] }>(env, 'auditLog', { action: 'talks.record', openid: T.teacher });
  expect(entry.fields).toEqual(['talks', 'alerts']);
});

test('the admin and the mentor are told at once (WeChat when they subscribed), as every alert is delivered; nobody else', async () => {
  const told = await docs<{ to: string; title: string; page: string; role: string }>(env, 'outbox', { kind: 'alert.raised' });
  expect(told.map((t) => [t.to, t.role, t.title, t.page]).sort()).toEqual([
    [T.admin, 'admin', '紧急预警：林小禾疑似受到侵害或无人照料（谈心发现）', `areas/talks/pages/alert/index?alertId=${alertId}`],
    [T.mentor, 'teacher', '紧急预警：林小禾疑似受到侵害或无人照料（谈心发现）', `areas/talks/pages/alert/index?alertId=${alertId}`],
  ]);
  const [alert] = await docs<AlertRecord>(env, 'alerts', { _id: alertId });
  expect(alert.recipients!.map((r) => r.openid).sort()).toEqual([T.admin, T.mentor].sort());
  const inbox = await ok(env, T.mentor, 'inbox.list', {}, NOW);
  expect(inbox.items.map((i) => i.title)).toContain('紧急预警：林小禾疑似受到侵害或无人照料（谈心发现）');
});

test('only the admin and the mentor see it: on the child page, the roster, the talk file and the alert itself', async () => {
  for (const openid of [T.admin, T.mentor]) {
    const detail = await ok(env, openid, 'children.get', { childId: 'demo-child-01' }, NOW);
    expect(detail.alerts.map((a) => a.id)).toContain(alertId);
    expect((await ok(env, openid, 'talks.child', { childId: 'demo-child-01' }, NOW)).alerts.map((a) => a.id)).toEqual([alertId]);
    expect((await ok(env, openid, 'mandatoryReport.get', { alertId }, NOW)).restricted).toBe(true);
  }
  // The class teacher who wrote the card, another teacher of the class and the village's community worker do not see
  // the alert; only the writer still reads the concerns on the card itself.
  for (const openid of [T.teacher, SUBJECT_TEACHER, T.community]) {
    const detail = await ok(env, openid, 'children.get', { childId: 'demo-child-01' }, NOW);
    expect(detail.alerts.map((a) => a.id)).not.toContain(alertId);
    expect(detail.talks.staff?.latest?.concernLabels ?? []).toEqual(openid === T.teacher ? ['疑似受到侵害', '无人照料'] : []);
  }
  const card = (await ok(env, SUBJECT_TEACHER, 'talks.child', { childId: 'demo-child-01' }, NOW)).talks[0];
  const full = await ok(env, SUBJECT_TEACHER, 'talks.get', { talkId: card.id }, NOW);
  expect(full).toMatchObject({ concerns: [], concernNote: null, alertId: null });
  expect(JSON.stringify(full)).not.toContain('淤青');
  expect(await ok(env, T.mentor, 'talks.get', { talkId: card.id }, NOW)).toMatchObject({ concerns: ['suspected_harm', 'no_care'], alertId });
  expect((await ok(env, T.teacher, 'talks.child', { childId: 'demo-child-01' }, NOW)).alerts).toEqual([]);
  const roster = await ok(env, T.teacher, 'archive.roster', { classId: 'demo-class-3-1' }, NOW);
  expect(roster.rows.find((r) => r.id === 'demo-child-01')!.alert).toBe(false);
  const round = await ok(env, T.teacher, 'talks.month', { classId: 'demo-class-3-1' }, NOW);
  expect(round.rows.find((r) => r.childId === 'demo-child-01')!.urgent).toBe(false);
  expect((await ok(env, T.mentor, 'talks.mine', {}, NOW)).rows.find((r) => r.childId === 'demo-child-01')!.urgent).toBe(true);
  expect(await fails(env, T.teacher, 'mandatoryReport.get', { alertId }, NOW)).toEqual({
    code: 'FORBIDDEN',
    message: '该预警仅管理员和孩子的帮扶教师可以查看',
  });
  for (const openid of [T.community, T.parent, T.student, T.other])
    expect((await fails(env, openid, 'mandatoryReport.get', { alertId }, NOW)).code).toBe('FORBIDDEN');
  // The admin's list of the school shows it.
  expect((await ok(env, T.admin, 'alerts.list', {}, NOW)).alerts.map((a) => a.id)).toContain(alertId);
});

test('the mandatory report: a report to the police with its case number, then a follow-up, each time-stamped and audited', async () => {
  const reported = await ok(
    env,
    T.admin,
    'mandatoryReport.addStep',
    {
      alertId,
      step: { kind: 'report', actor: '王校长', agency: 'police', agencyName: '青山派出所', date: '2027-03-10', time: '09:20', caseNumber: 'QS2027031001' },
    },
    fromBeijing('2027-03-10 10:30'),
  );
  expect(reported.mandatoryReport).toMatchObject({ required: true, reported: true });
  expect(reported.mandatoryReport!.steps).toEqual([
    expect.objectContaining({
      kind: 'report',
      kindLabel: '报告',
      actor: '王校长',
      agencyLabel: '公安机关（青山派出所）',
      at: fromBeijing('2027-03-10 09:20').toISOString(),
      caseNumber: 'QS2027031001',
      recordedAt: fromBeijing('2027-03-10 10:30').toISOString(),
      recordedByLabel: '青山镇中心小学（演示）',
    }),
  ]);
  const followed = await ok(
    env,
    T.mentor,
    'mandatoryReport.addStep',
    { alertId, step: { kind: 'follow_up', actor: '李老师', agency: 'civil_affairs', date: '2027-03-11', time: '15:00', note: '民政所已安排临时照料' } },
    fromBeijing('2027-03-11 16:00'),
  );
  expect(followed.mandatoryReport!.steps.map((s) => [s.kindLabel, s.agencyLabel, s.note])).toEqual([
    ['报告', '公安机关（青山派出所）', null],
    ['跟进', '民政部门', '民政所已安排临时照料'],
  ]);
  const audit = await docs<{ action: string; note: string; kind: string }>(env, 'auditLog', { action: 'mandatoryReport.addStep' });
  expect(audit.map((a) => [a.kind, a.note])).toEqual([
    ['change', '强制报告：向公安机关（青山派出所）报告'],
    ['change', '强制报告：跟进'],
  ]);
  expect((await docs(env, 'auditLog', { action: 'mandatoryReport.get' })).length).toBeGreaterThan(0);
});

test('bad steps: no agency, a follow-up without words, a time in the future, a class teacher outside it; nothing written; the same step twice is stored once', async () => {
  const steps = async () => (await docs<AlertRecord>(env, 'alerts', { _id: alertId }))[0].mandatoryReport!.steps.length;
  const before = await steps();
  const at = fromBeijing('2027-03-12 10:00');
  const base = { kind: 'report', actor: '王校长', date: '2027-03-12', time: '09:00' };
  expect((await fails(env, T.admin, 'mandatoryReport.addStep', { alertId, step: base }, at)).message).toBe('请选择向哪个部门报告');
  expect((await fails(env, T.admin, 'mandatoryReport.addStep', { alertId, step: { ...base, agency: 'other' } }, at)).message).toBe('请填写报告的部门名称');
  expect((await fails(env, T.admin, 'mandatoryReport.addStep', { alertId, step: { ...base, kind: 'follow_up' } }, at)).message).toBe('请填写跟进的情况');
  expect((await fails(env, T.admin, 'mandatoryReport.addStep', { alertId, step: { ...base, agency: 'police', time: '11:00' } }, at)).message).toBe(
    '时间不能晚于现在',
  );
  expect((await fails(env, T.admin, 'mandatoryReport.addStep', { alertId, step: { ...base, agency: 'army' } }, at)).code).toBe('INVALID_INPUT');
  expect((await fails(env, T.teacher, 'mandatoryReport.addStep', { alertId, step: { ...base, agency: 'police' } }, at)).code).toBe('FORBIDDEN');
  expect(await steps()).toBe(before);
  // The same step sent twice (at once, or again after a lost answer) is stored once, audited once, and answered alike.
  const audited = async () => (await docs(env, 'auditLog', { action: 'mandatoryReport.addStep', kind: 'change' })).length;
  const auditedBefore = await audited();
  const same = { alertId, step: { ...base, agency: 'womens_federation' } };
  const twice = await Promise.all([1, 2].map(() => env.api(T.admin, 'mandatoryReport.addStep', same as never, at)));
  const again = await env.api(T.admin, 'mandatoryReport.addStep', same as never, fromBeijing('2027-03-12 10:05'));
  expect([...twice, again].every((r) => r.ok)).toBe(true);
  const answers = [...twice, again].map((r) => (r.ok ? r.data : null));
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[2]).toEqual(answers[0]);
  expect(await steps()).toBe(before + 1);
  const [stored] = await docs<AlertRecord>(env, 'alerts', { _id: alertId });
  expect(stored.mandatoryReport!.steps.filter((s) => s.agency === 'womens_federation')).toHaveLength(1);
  expect(await audited()).toBe(auditedBefore + 1);
});

test('closing the alert (the admin, with what was done) ends the report: no more steps', async () => {
  await ok(env, T.admin, 'alerts.resolve', { alertId, resolution: '已报警，民政已落实临时照料' }, NOW);
  const err = await fails(
    env,
    T.admin,
    'mandatoryReport.addStep',
    { alertId, step: { kind: 'follow_up', actor: '王校长', date: '2027-03-12', time: '09:00', note: '回访' } },
    fromBeijing('2027-03-12 10:00'),
  );
  expect(err).toMatchObject({ code: 'CONFLICT', message: '该预警已处理完毕，不能再添加报告记录' });
  const detail = await ok(env, T.mentor, 'mandatoryReport.get', { alertId }, NOW);
  expect(detail).toMatchObject({ resolution: '已报警，民政已落实临时照料', childName: '林小禾' });
});
