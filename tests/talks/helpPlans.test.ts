/**
 * The term help plan (帮扶计划) and its end-of-term summary: written at the start of term for a term of the school
 * calendar, versioned, with records during the term; the summary's draft is read from the term's real records —
 * talks, family video calls and phone calls, exam scores of the progress archive, plan reviews, help records — and
 * nothing outside the term; the teacher edits it and signs it off.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { parentsOf, setUpRoom, TERM } from '../family-calls/helpers';
import { addTeachers, card, docs, fails, ok, T } from './helpers';

jest.setTimeout(90000);

const START = fromBeijing('2027-03-01 09:00');
let env: TestEmulator;
let planId = '';

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
  const room = await setUpRoom(env);
  // Three Wednesday calls for 林小禾 from 3 March: the first done, the second missed, the third never recorded.
  const [parent] = await parentsOf(env, 'demo-child-01');
  await ok(
    env,
    T.teacher,
    'familyCalls.book',
    { childId: 'demo-child-01', deviceId: room.tablet, weekday: 3, time: '19:00', minutes: 30, startDate: '2027-03-01', weeks: 3, parentBindingIds: [parent] },
    START,
  );
  const calls = (await docs<{ _id: string; date: string }>(env, 'familyCalls', { childId: 'demo-child-01' })).sort((a, b) => a.date.localeCompare(b.date));
  await ok(
    env,
    T.teacher,
    'familyCalls.record',
    { callId: calls[0]._id, result: 'done', minutes: 25, joinedBindingIds: [parent], mood: 'happy' },
    fromBeijing('2027-03-03 19:40'),
  );
  await ok(env, T.teacher, 'familyCalls.record', { callId: calls[1]._id, result: 'missed', by: 'parent', reason: '妈妈加班' }, fromBeijing('2027-03-10 19:40'));
  await ok(
    env,
    T.teacher,
    'phoneCalls.log',
    { childId: 'demo-child-01', date: '2027-03-12', time: '18:10', minutes: 6, who: '妈妈' },
    fromBeijing('2027-03-12 18:30'),
  );
  await ok(
    env,
    T.teacher,
    'phoneCalls.log',
    { childId: 'demo-child-01', date: '2027-04-02', time: '18:10', minutes: 8, who: '爸爸' },
    fromBeijing('2027-04-02 18:30'),
  );
  // Exam scores in the progress archive (after the family's consent): one in the term, one of last term.
  await ok(
    env,
    T.teacher,
    'consent.record',
    { childId: 'demo-child-01', decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'paper', signerName: '林建国', signerRelation: '父亲' },
    START,
  );
  await ok(
    env,
    T.teacher,
    'archive.update',
    {
      childId: 'demo-child-01',
      expectedVersion: 0,
      changes: {
        studyRecords: [
          { exam: '上学期期末', date: '2027-01-15', scores: [{ subject: '语文', score: 70 }] },
          {
            exam: '期中考试',
            date: '2027-04-20',
            scores: [
              { subject: '语文', score: 88 },
              { subject: '数学', score: 76 },
            ],
            rank: 12,
          },
        ],
      },
    },
    fromBeijing('2027-04-21 10:00'),
  );
  // Talks: one in the winter break (not this term), two in it — one finds a concern that gets a plan and a review.
  await ok(env, T.mentor, 'talks.record', card({ date: '2027-02-10', actions: [] }), fromBeijing('2027-02-10 10:00'));
  await ok(env, T.mentor, 'talks.record', card({ date: '2027-03-05', mood: 3, topics: ['study', 'friends'] }), fromBeijing('2027-03-05 16:00'));
  await ok(
    env,
    T.mentor,
    'talks.record',
    card({ date: '2027-04-08', mood: 3, concerns: ['personality'], concernNote: '总是一个人，不和同学说话', actions: [] }),
    fromBeijing('2027-04-08 16:00'),
  );
  const iep = await ok(
    env,
    T.mentor,
    'plans.create',
    {
      childId: 'demo-child-01',
      reasons: ['personality'],
      reasonNote: '孤僻',
      goals: '主动和同学交流',
      measures: [{ kind: 'counselling', text: '每周一次心理辅导' }],
      responsible: '李老师',
      startDate: '2027-04-09',
      reviewDates: ['2027-05-07'],
    },
    fromBeijing('2027-04-09 10:00'),
  );
  await ok(
    env,
    T.mentor,
    'plans.review',
    { planId: iep.id, date: '2027-05-07', outcome: 'improved', note: '课间能和两位同学一起玩' },
    fromBeijing('2027-05-07 16:00'),
  );
}, 90000);
afterAll(() => env.stop());

const plan = {
  goals: '数学成绩提高到 80 分',
  schedule: '每周二、四午间',
  content: '数学错题订正、口算练习',
  expected: '期中达到 75 分，期末 80 分',
  subjects: ['数学'],
};

test('written at the start of term for the calendar term, with a classmate as study buddy; versioned', async () => {
  const screen = await ok(env, T.teacher, 'helpPlans.get', { childId: 'demo-child-01' }, START);
  expect(screen.term).toEqual(TERM);
  expect(screen.plan).toBeNull();
  expect(screen.buddies.map((b) => b.name)).toEqual(expect.arrayContaining(['周子墨', '吴星辰']));
  const buddy = screen.buddies.find((b) => b.name === '吴星辰')!;
  const saved = await ok(
    env,
    T.teacher,
    'helpPlans.save',
    { childId: 'demo-child-01', termStart: TERM.start, ...plan, buddyChildId: buddy.childId, expectedVersion: 0 },
    START,
  );
  planId = saved.id;
  expect(saved).toMatchObject({ term: TERM, buddy: { name: '吴星辰' }, subjects: ['数学'], version: 1, createdByName: '演示·班主任' });

  const twice = await fails(
    env,
    T.mentor,
    'helpPlans.save',
    { childId: 'demo-child-01', termStart: TERM.start, ...plan, buddyChildId: null, expectedVersion: 0 },
    START,
  );
  expect(twice).toMatchObject({ code: 'CONFLICT', message: '本学期的帮扶计划已经有人填写了，请刷新后再修改' });
  const edited = await ok(
    env,
    T.mentor,
    'helpPlans.save',
    { childId: 'demo-child-01', termStart: TERM.start, ...plan, schedule: '每周二、四、五午间', buddyChildId: buddy.childId, expectedVersion: 1 },
    START,
  );
  expect(edited).toMatchObject({ version: 2, schedule: '每周二、四、五午间' });
  expect(
    (await fails(env, T.teacher, 'helpPlans.save', { childId: 'demo-child-01', termStart: TERM.start, ...plan, buddyChildId: null, expectedVersion: 1 }, START))
      .message,
  ).toBe('帮扶计划已被他人修改，请刷新后重新编辑');
  expect(
    (
      await fails(
        env,
        T.teacher,
        'helpPlans.save',
        { childId: 'demo-child-01', termStart: '2027-03-02', ...plan, buddyChildId: null, expectedVersion: 0 },
        START,
      )
    ).message,
  ).toBe('请选择校历中的学期（管理员可在「校历」中设置学期）');
  expect(
    (
      await fails(
        env,
        T.teacher,
        'helpPlans.save',
        { childId: 'demo-child-01', termStart: TERM.start, ...plan, buddyChildId: 'demo-child-01', expectedVersion: 2 },
        START,
      )
    ).message,
  ).toBe('学习帮手请选择本校的其他同学');
});

test('records during the term; a day outside it or in the future is refused', async () => {
  await ok(env, T.mentor, 'helpPlans.record', { planId, date: '2027-03-09', text: '午间订正数学错题 12 道' }, fromBeijing('2027-03-09 13:00'));
  const second = await ok(env, T.mentor, 'helpPlans.record', { planId, date: '2027-04-13', text: '口算测验 48/50' }, fromBeijing('2027-04-13 13:00'));
  expect(second.records.map((r) => [r.date, r.text, r.byName])).toEqual([
    ['2027-03-09', '午间订正数学错题 12 道', '李老师'],
    ['2027-04-13', '口算测验 48/50', '李老师'],
  ]);
  expect((await fails(env, T.mentor, 'helpPlans.record', { planId, date: '2027-02-01', text: 'x' }, fromBeijing('2027-04-13 13:00'))).message).toBe(
    '记录日期应在本学期内（2月22日–7月2日）',
  );
  expect((await fails(env, T.mentor, 'helpPlans.record', { planId, date: '2027-04-14', text: 'x' }, fromBeijing('2027-04-13 13:00'))).message).toBe(
    '记录日期不能晚于今天',
  );
});

test("the summary's draft reads back the term's talks, calls, scores, reviews and records — and nothing from outside the term", async () => {
  const draft = await ok(env, T.mentor, 'helpPlans.draftSummary', { planId }, fromBeijing('2027-06-30 10:00'));
  expect(draft.sources).toEqual({ talks: 2, videoCalls: 1, missedCalls: 1, phoneCalls: 2, exams: 1, reviews: 1, records: 2 });
  const lines = draft.draft.split('\n');
  expect(lines[0]).toBe('林小禾 2026-2027学年第二学期帮扶总结');
  expect(lines[1]).toBe(
    '一、谈心：本学期谈心 2 次（3月5日、4月8日），孩子的情绪多为「平静」；谈到学习、朋友、家庭。发现的问题：人格发展不健全（4月8日）。商定事项 1 项，已完成 0 项。',
  );
  expect(lines[2]).toBe('二、亲情联系：亲情视频完成 1 次、未接通 1 次；亲情电话 2 次。');
  expect(lines[3]).toBe('三、学习情况：期中考试（4月20日）语文 88、数学 76，班级第 12 名。学习帮扶科目：数学，学习帮手 吴星辰。');
  expect(lines[4]).toBe('四、个别教育管理方案：复查 1 次：5月7日 有进步（课间能和两位同学一起玩）。');
  expect(lines[5]).toBe('五、平时帮扶记录：共 2 条，3月9日 午间订正数学错题 12 道；4月13日 口算测验 48/50。');
  expect(lines[6]).toContain('期初目标是“数学成绩提高到 80 分”');
  expect(draft.draft).not.toContain('2月10日');
  expect(draft.draft).not.toContain('上学期期末');
  expect(draft.saved).toBeNull();
});

test('the teacher edits and signs it off; a stale copy is refused; the screen shows it signed', async () => {
  const draft = await ok(env, T.mentor, 'helpPlans.draftSummary', { planId }, fromBeijing('2027-06-30 10:00'));
  const text = draft.draft.replace('（请老师填写）', '数学期末 81 分，达到目标。');
  const signed = await ok(env, T.mentor, 'helpPlans.signSummary', { planId, text, expectedVersion: draft.version }, fromBeijing('2027-06-30 11:00'));
  expect(signed.summary).toEqual({
    text,
    updatedAt: fromBeijing('2027-06-30 11:00').toISOString(),
    signedOff: { byName: '李老师', at: fromBeijing('2027-06-30 11:00').toISOString() },
  });
  expect(
    (await fails(env, T.teacher, 'helpPlans.signSummary', { planId, text: '改一下', expectedVersion: draft.version }, fromBeijing('2027-06-30 12:00'))).code,
  ).toBe('CONFLICT');
  const screen = await ok(env, T.teacher, 'helpPlans.get', { childId: 'demo-child-01' }, fromBeijing('2027-06-30 12:00'));
  expect(screen.plan!.summary!.text).toContain('数学期末 81 分');
  const audit = await docs<{ action: string; kind: string }>(env, 'auditLog', { action: 'helpPlans.signSummary' });
  expect(audit).toEqual([expect.objectContaining({ kind: 'change' })]);
});

test('the study buddy is kept by id: once they leave school the plan no longer names them', async () => {
  const now = fromBeijing('2027-07-01 10:00');
  await ok(env, T.admin, 'children.purge', { childId: 'demo-child-04', confirmName: '吴星辰' }, now);
  const screen = await ok(env, T.teacher, 'helpPlans.get', { childId: 'demo-child-01' }, now);
  expect(screen.plan!.buddy).toBeNull();
  // (The summary the teacher signed is their own text and keeps what they wrote.)
  const [plan] = await docs<Record<string, unknown>>(env, 'helpPlans');
  expect(JSON.stringify({ ...plan, summary: null })).not.toContain('吴星辰');
  expect((await ok(env, T.mentor, 'helpPlans.draftSummary', { planId }, now)).draft).not.toContain('吴星辰');
});
