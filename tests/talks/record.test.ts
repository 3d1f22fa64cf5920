/**
 * 谈心记录卡 through the real api function: a card recorded and read back in full, follow-ups of last month's actions
 * on the next card, and every bad input answered in Chinese with nothing written — a child the caller does not
 * mentor, a future day, a day before the archive, a huge text, the same card twice (and twenty times at once).
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { addTeachers, card, docs, fails, ok, T } from './helpers';

jest.setTimeout(60000);

const NOW = fromBeijing('2027-03-10 10:00');
let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
}, 60000);
afterAll(() => env.stop());

/** What a refused request must leave behind: no card, no audit entry of a change. */
async function nothingWritten(check: () => Promise<unknown>) {
  const before = { talks: (await docs(env, 'talks')).length, audit: (await docs(env, 'auditLog', { kind: 'change' })).length };
  await check();
  expect({ talks: (await docs(env, 'talks')).length, audit: (await docs(env, 'auditLog', { kind: 'change' })).length }).toEqual(before);
}

test('the mentor records a card; it reads back in full, signed with their name, and the change is audited with it', async () => {
  const { talk, planDue, alertId } = await ok(
    env,
    T.mentor,
    'talks.record',
    card({ date: '2027-02-26', actions: [{ text: '每天读书二十分钟', owner: '孩子', dueDate: '2027-03-31' }] }),
    NOW,
  );
  expect(planDue).toBeNull();
  expect(alertId).toBeNull();
  expect(talk).toMatchObject({
    childName: '林小禾',
    date: '2027-02-26',
    talker: { name: '李老师', role: 'mentor', roleLabel: '帮扶教师' },
    moodLabel: '开心',
    topicLabels: ['学习', '家庭'],
    childSaid: '妈妈说过年回来，我想考好一点给她看。',
  });
  expect(talk.actions).toEqual([expect.objectContaining({ text: '每天读书二十分钟', owner: '孩子', status: 'open', statusLabel: '待跟进' })]);

  const read = await ok(env, T.teacher, 'talks.get', { talkId: talk.id }, NOW);
  expect(read).toEqual(talk);
  const audit = await docs<{ action: string; kind: string; childId: string; openid: string }>(env, 'auditLog', { childId: 'demo-child-01' });
  expect(audit).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ action: 'talks.record', kind: 'change', openid: T.mentor }),
      expect.objectContaining({ action: 'talks.get', kind: 'read', openid: T.teacher }),
    ]),
  );
});

test("the next card follows up last month's action: the earlier card shows how it went, and it is no longer open", async () => {
  const [first] = await docs<{ _id: string; actions: { id: string }[] }>(env, 'talks', { childId: 'demo-child-01', date: '2027-02-26' });
  const file = await ok(env, T.mentor, 'talks.child', { childId: 'demo-child-01' }, NOW);
  expect(file.openActions.map((a) => a.text)).toEqual(['每天读书二十分钟']);
  const { talk } = await ok(
    env,
    T.mentor,
    'talks.record',
    card({ date: '2027-03-09', actions: [], followUps: [{ talkId: first._id, actionId: first.actions[0].id, status: 'partly', note: '周末没读' }] }),
    NOW,
  );
  expect(talk.followUps).toEqual([expect.objectContaining({ text: '每天读书二十分钟', status: 'partly', statusLabel: '部分完成', note: '周末没读' })]);
  const earlier = await ok(env, T.mentor, 'talks.get', { talkId: first._id }, NOW);
  expect(earlier.actions[0]).toMatchObject({ status: 'partly', followUpNote: '周末没读', followedUpOn: '2027-03-09' });
  expect((await ok(env, T.mentor, 'talks.child', { childId: 'demo-child-01' }, NOW)).openActions).toEqual([]);
  // Followed up once: the same follow-up again is refused, and that card is not written.
  await nothingWritten(async () => {
    const err = await fails(
      env,
      T.mentor,
      'talks.record',
      card({ date: '2027-03-10', followUps: [{ talkId: first._id, actionId: first.actions[0].id, status: 'done' }] }),
      NOW,
    );
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: '要跟进的事项不存在或已经跟进过，请刷新后重试' });
  });
});

describe('bad input: a clear Chinese error and nothing written', () => {
  test('a child the caller does not mentor or teach', async () => {
    await nothingWritten(async () => {
      const err = await fails(env, T.other, 'talks.record', card({ date: '2027-03-08' }), NOW);
      expect(err).toMatchObject({ code: 'FORBIDDEN', message: '无权访问该范围的数据' });
      expect(await fails(env, T.parent, 'talks.record', card({ date: '2027-03-08' }), NOW)).toMatchObject({
        code: 'FORBIDDEN',
        message: '您的身份无权进行此操作',
      });
      expect(await fails(env, T.student, 'talks.record', card({ date: '2027-03-08' }), NOW)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await fails(env, T.mentor, 'talks.record', card({ childId: 'no-such-child', date: '2027-03-08' }), NOW)).toMatchObject({
        code: 'FORBIDDEN',
        message: '无权访问该范围的数据',
      });
    });
  });

  test('a day in the future (Beijing: tomorrow is still today in New York)', async () => {
    await nothingWritten(async () => {
      const late = fromBeijing('2027-03-10 23:30');
      expect(await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-11' }), late)).toMatchObject({
        code: 'INVALID_INPUT',
        message: '谈心日期不能晚于今天',
        details: [{ path: 'date', message: '谈心日期不能晚于今天' }],
      });
    });
  });

  test("a day before the child's archive was made", async () => {
    const [child] = await docs<{ createdAt: Date }>(env, 'children', { _id: 'demo-child-01' });
    const archived = new Date(child.createdAt.getTime() + 8 * 3600000).toISOString().slice(0, 10);
    const dayBefore = new Date(child.createdAt.getTime() + 8 * 3600000 - 86400000).toISOString().slice(0, 10);
    await nothingWritten(async () => {
      const err = await fails(env, T.mentor, 'talks.record', card({ date: dayBefore }), NOW);
      expect(err.code).toBe('INVALID_INPUT');
      expect(err.message).toBe(
        `谈心日期不能早于孩子建档的日期（${archived.slice(0, 4)}年${Number(archived.slice(5, 7))}月${Number(archived.slice(8, 10))}日）`,
      );
    });
  });

  test('a huge text: over the field limit, or over what a request may carry', async () => {
    await nothingWritten(async () => {
      expect(await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', childSaid: '很'.repeat(2001) }), NOW)).toMatchObject({
        code: 'INVALID_INPUT',
        message: '输入有误：孩子说的话不能超过 2000 个字',
      });
      expect(await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', childSaid: '很'.repeat(300000) }), NOW)).toMatchObject({
        code: 'BAD_REQUEST',
        message: '请求内容过大',
      });
      expect(await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', familySummary: 'x'.repeat(501) }), NOW)).toMatchObject({
        message: '输入有误：家长可见的小结不能超过 500 个字',
      });
    });
  });

  test('other slips: no topic, a mood off the scale, a concern without a word on it, an action due before the talk, a forged field', async () => {
    await nothingWritten(async () => {
      expect((await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', topics: [] }), NOW)).message).toBe('输入有误：请至少选择一项谈话内容');
      expect((await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', mood: 7 }), NOW)).message).toBe('输入有误：孩子的情绪请选 1 到 5');
      expect((await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', concerns: ['safety'] }), NOW)).message).toBe(
        '选了发现的问题，请简要说明情况',
      );
      expect(
        (await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-08', actions: [{ text: '读书', owner: '孩子', dueDate: '2027-03-01' }] }), NOW))
          .message,
      ).toBe('商定事项的完成日期不能早于谈心日期');
      expect((await fails(env, T.mentor, 'talks.record', { ...card({ date: '2027-03-08' }), openid: 'someone' }, NOW)).message).toBe(
        '输入有误：不支持的字段：openid',
      );
    });
  });

  test('a second card for the same child and day by the same person; twenty at once keep one', async () => {
    await nothingWritten(async () => {
      const err = await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-09' }), NOW);
      expect(err).toMatchObject({ code: 'CONFLICT', message: '您已填写过林小禾3月9日的谈心记录卡，不能重复填写' });
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => env.api(T.teacher, 'talks.record', card({ date: '2027-03-08', talkerRole: 'class_teacher' }), NOW)),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(Array(19).fill('CONFLICT'));
    expect(await docs(env, 'talks', { childId: 'demo-child-01', date: '2027-03-08' })).toHaveLength(1);
    expect(await docs(env, 'auditLog', { action: 'talks.record', openid: T.teacher })).toHaveLength(1);
    // Another person's card of that day is theirs to write.
    await ok(env, T.mentor, 'talks.record', card({ date: '2027-03-08' }), NOW);
  });
});

test('a family summary that WeChat finds risky is refused; the card is not stored', async () => {
  await nothingWritten(async () => {
    const err = await fails(env, T.mentor, 'talks.record', card({ date: '2027-03-07', familySummary: '孩子说想加微信领红包' }), NOW);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', details: [{ path: 'familySummary', message: '家长可见的小结可能含有不适合的内容，请换一种说法' }] });
  });
});
