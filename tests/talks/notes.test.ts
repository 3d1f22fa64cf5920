/**
 * Counselling notes (心理辅导), the growth diary (成长日记) and symposiums (座谈会): internal, dated, signed, audited;
 * a symposium's attendance is picked from the care network of the class, and a child who left is no longer named.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { addTeachers, docs, fails, ok, T } from './helpers';

jest.setTimeout(60000);

const NOW = fromBeijing('2027-03-10 10:00');
let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
  await ok(env, T.teacher, 'care.pair', { childId: 'demo-child-02', kind: 'proxy', proxyKind: 'caring_mother', name: '张阿姨', phone: '13600000006' }, NOW);
  await ok(
    env,
    T.teacher,
    'consent.record',
    { childId: 'demo-child-03', decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'paper', signerName: '陈海', signerRelation: '父亲' },
    NOW,
  );
  const guardian = { name: '陈奶奶', relation: '奶奶', occupation: null, address: null, phone: '13700000003', health: null, age: 70, capable: true };
  await ok(env, T.teacher, 'contactCards.save', { childId: 'demo-child-03', expectedVersion: 0, parents: [], guardian, emergency: null }, NOW);
}, 60000);
afterAll(() => env.stop());

test('counselling notes and diary entries: signed, in the child file newest first, audited; the same one twice is kept once', async () => {
  await ok(
    env,
    T.teacher,
    'counselling.record',
    { childId: 'demo-child-02', date: '2027-03-03', counsellorRole: 'class_teacher', focus: 'emotion', notes: '想妈妈，夜里哭', nextSteps: '每周三视频' },
    NOW,
  );
  const second = { childId: 'demo-child-02', date: '2027-03-09', counsellorRole: 'counsellor', focus: 'both', notes: '能说出自己的情绪了' } as const;
  await ok(env, T.teacher, 'counselling.record', second, NOW);
  expect((await fails(env, T.teacher, 'counselling.record', second, NOW)).message).toBe('这条心理辅导记录已经保存过了');
  await ok(env, T.mentor, 'diary.add', { childId: 'demo-child-01', date: '2027-03-08', text: '今天主动举手回答问题' }, NOW);

  const file = await ok(env, T.teacher, 'talks.child', { childId: 'demo-child-02' }, NOW);
  expect(file.counselling.map((c) => [c.date, c.counsellorRoleLabel, c.focusLabel, c.counsellorName])).toEqual([
    ['2027-03-09', '心理辅导老师', '行为与情绪', '演示·班主任'],
    ['2027-03-03', '班主任', '情绪/心理困扰', '演示·班主任'],
  ]);
  expect((await ok(env, T.mentor, 'talks.child', { childId: 'demo-child-01' }, NOW)).diary).toEqual([
    expect.objectContaining({ date: '2027-03-08', text: '今天主动举手回答问题', byName: '李老师' }),
  ]);
  expect(await docs(env, 'auditLog', { action: 'counselling.record', kind: 'change' })).toHaveLength(2);
  expect(await docs(env, 'auditLog', { action: 'diary.add', kind: 'change' })).toHaveLength(1);
});

test('bad notes: a future day, a counsellor role that does not exist, a huge diary, a parent writing one; nothing written', async () => {
  const before = (await docs(env, 'counselling')).length + (await docs(env, 'growthDiary')).length;
  expect(
    (
      await fails(
        env,
        T.teacher,
        'counselling.record',
        { childId: 'demo-child-02', date: '2027-03-11', counsellorRole: 'class_teacher', focus: 'emotion', notes: 'x' },
        NOW,
      )
    ).message,
  ).toBe('辅导日期不能晚于今天');
  expect(
    (
      await fails(
        env,
        T.teacher,
        'counselling.record',
        { childId: 'demo-child-02', date: '2027-03-09', counsellorRole: 'principal', focus: 'emotion', notes: 'x' },
        NOW,
      )
    ).code,
  ).toBe('INVALID_INPUT');
  expect((await fails(env, T.mentor, 'diary.add', { childId: 'demo-child-01', date: '2027-03-09', text: '长'.repeat(501) }, NOW)).message).toBe(
    '输入有误：日记内容不能超过 500 个字',
  );
  expect((await fails(env, T.parent, 'diary.add', { childId: 'demo-child-01', date: '2027-03-09', text: '家长写的' }, NOW)).code).toBe('FORBIDDEN');
  expect((await fails(env, T.mentor, 'diary.add', { childId: 'demo-child-02', date: '2027-03-09', text: '不是我的帮扶对象' }, NOW)).code).toBe('FORBIDDEN');
  expect((await docs(env, 'counselling')).length + (await docs(env, 'growthDiary')).length).toBe(before);
});

test('a symposium: attendance from the care network (mentor, children, guardians, proxies, class teacher), minutes and decisions', async () => {
  const screen = await ok(env, T.teacher, 'symposiums.list', {}, NOW);
  expect(screen.scope).toMatchObject({ classId: 'demo-class-3-1', name: '三年级(1)班' });
  const byKind = (kind: string) => screen.candidates.filter((c) => c.kind === kind).map((c) => `${c.name}|${c.note}`);
  expect(byKind('mentor')).toEqual(['李老师|林小禾的帮扶教师']);
  expect(byKind('child').sort()).toEqual(['周子墨|留守儿童', '林小禾|留守儿童', '陈一诺|留守儿童'].sort());
  expect(byKind('guardian')).toEqual(['陈奶奶|陈一诺的奶奶']);
  expect(byKind('proxy')).toEqual(['张阿姨|周子墨的爱心妈妈']);
  expect(byKind('teacher')).toEqual(['演示·班主任|三年级(1)班 班主任']);

  const pick = (kind: string) => screen.candidates.filter((c) => c.kind === kind).map((c) => ({ kind: c.kind, refId: c.refId }));
  const held = await ok(
    env,
    T.teacher,
    'symposiums.record',
    {
      date: '2027-03-06',
      topic: '开学座谈：说说心里话',
      place: '关爱室',
      participants: [...pick('mentor'), ...pick('child'), ...pick('guardian'), ...pick('proxy')],
      others: '村儿童主任',
      minutes: '孩子们说了开学的心情，监护人反映作业辅导有困难。',
      decisions: ['每周三午间作业辅导', '每月一次座谈'],
    },
    NOW,
  );
  expect(held.attendance).toBe('帮扶教师 1 人、留守儿童 3 人、监护人 1 人、委托监护人/代理家长 1 人');
  expect(held.byName).toBe('演示·班主任');
  expect((await ok(env, T.teacher, 'symposiums.list', { classId: 'demo-class-3-1' }, NOW)).symposiums.map((s) => s.topic)).toEqual(['开学座谈：说说心里话']);
  expect(await docs(env, 'auditLog', { action: 'symposiums.record', kind: 'change' })).toHaveLength(1);
  // The same record again, someone from outside the care network, a future day, nobody at all.
  const base = { date: '2027-03-06', topic: '开学座谈：说说心里话', place: '关爱室', minutes: '纪要', decisions: [] };
  expect((await fails(env, T.teacher, 'symposiums.record', { ...base, participants: pick('child') }, NOW)).message).toBe('这次座谈会已经记录过了');
  expect(
    (await fails(env, T.teacher, 'symposiums.record', { ...base, topic: '别的', participants: [{ kind: 'child', refId: 'demo-child-05' }] }, NOW)).message,
  ).toBe('参加人员不在本班的关爱网络中，请刷新后重新选择');
  expect((await fails(env, T.teacher, 'symposiums.record', { ...base, topic: '别的', date: '2027-03-11', participants: pick('child') }, NOW)).message).toBe(
    '座谈会日期不能晚于今天',
  );
  expect((await fails(env, T.teacher, 'symposiums.record', { ...base, topic: '别的', participants: [] }, NOW)).message).toBe('请选择参加的人员');
  expect((await fails(env, T.other, 'symposiums.list', { classId: 'demo-class-3-1' }, NOW)).code).toBe('FORBIDDEN');
});

test('a child who left school is no longer named in the symposium: their attendance goes with their data', async () => {
  await ok(env, T.admin, 'children.purge', { childId: 'demo-child-03', confirmName: '陈一诺' }, NOW);
  const [held] = (await ok(env, T.teacher, 'symposiums.list', {}, NOW)).symposiums;
  const names = held.participants.map((p) => p.name);
  expect(names).not.toContain('陈一诺');
  expect(names).not.toContain('陈奶奶');
  expect(held.attendance).toBe('帮扶教师 1 人、留守儿童 2 人、委托监护人/代理家长 1 人');
  expect(JSON.stringify(await docs(env, 'symposiumAttendance'))).not.toContain('demo-child-03');
});
