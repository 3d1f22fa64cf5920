/**
 * A talk card is internal except its family summary (家长可见的小结). The parents and guardians read that summary
 * and nothing else of a talk, on every action that answers them; the student role reads nothing; community workers
 * get nothing of the talks. Each internal part of the card carries a marker that no family payload may contain.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { ActionName } from '../../typings/actions';
import { configureTemplates, subscribe, TEMPLATES } from '../reminders/helpers';
import { addTeachers, card, docs, fails, ok, T } from './helpers';

jest.setTimeout(60000);

const NOW = fromBeijing('2027-03-10 10:00');
const SUMMARY = '小禾这个月学习很努力，和同学相处得很好。';
const INTERNAL = ['内部-孩子说的话', '内部-问题说明', '内部-商定事项', '内部-负责人', '内部-地点', '心理困扰'];

let env: TestEmulator;
let talkId = '';

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
  await configureTemplates(env);
  await subscribe(env, T.parent, 2, TEMPLATES.schedule.id);
  const res = await ok(
    env,
    T.mentor,
    'talks.record',
    card({
      place: '内部-地点',
      childSaid: '内部-孩子说的话：晚上奶奶常去邻居家打牌，我一个人害怕。',
      concerns: ['psychological'],
      concernNote: '内部-问题说明',
      actions: [{ text: '内部-商定事项', owner: '内部-负责人', dueDate: '2027-03-31' }],
      familySummary: SUMMARY,
    }),
    NOW,
  );
  talkId = res.talk.id;
  expect(res.sharedWith).toBe(2); // 林小禾's mother and grandmother
  // A card without a summary shares nothing.
  await ok(
    env,
    T.teacher,
    'talks.record',
    card({ date: '2027-03-06', talkerRole: 'class_teacher', childSaid: '内部-孩子说的话（班主任）', familySummary: null }),
    NOW,
  );
  await fire();
}, 60000);
afterAll(() => env.stop());

async function fire() {
  await env.emulator.timers.fire('scheduler', 'quarterHour', fromBeijing('2027-03-10 10:15'));
}

function expectNothingInternal(payload: unknown) {
  const text = JSON.stringify(payload);
  for (const marker of INTERNAL) expect({ marker, found: text.includes(marker) }).toEqual({ marker, found: false });
  expect(text).not.toContain(talkId);
}

describe.each([
  ['parent', T.parent],
  ['guardian', T.guardian],
])('%s', (_role, openid) => {
  test('children.get carries the family summary, and nothing else of the talks', async () => {
    const detail = await ok(env, openid, 'children.get', { childId: 'demo-child-01' }, NOW);
    expect(detail.talks).toEqual({ staff: null, family: [{ date: '2027-03-05', summary: SUMMARY }] });
    expectNothingInternal(detail);
    const [entry] = await docs<{ fields: string[] }>(env, 'auditLog', { action: 'children.get', openid });
    expect(entry.fields).toContain('talks.familySummary');
  });

  test('the inbox and the WeChat message carry the summary only', async () => {
    const inbox = await ok(env, openid, 'inbox.list', {}, NOW);
    const shared = inbox.items.filter((i) => i.title === '林小禾的谈心小结');
    expect(shared).toHaveLength(1);
    expect(shared[0].body).toBe(`3月5日老师与林小禾谈心：${SUMMARY}`);
    expectNothingInternal(inbox);
    expectNothingInternal(env.emulator.wx.messages({ touser: openid, includeFailed: true }));
  });

  test.each<[ActionName, Record<string, unknown>]>([
    ['familyCalls.mine', {}],
    ['familyCalls.history', { childId: 'demo-child-01' }],
    ['whoami', {}],
    ['reminders.mine', {}],
    ['consent.get', { childId: 'demo-child-01' }],
  ])('%s answers nothing of a talk', async (action, input) => {
    expectNothingInternal(await ok(env, openid, action, input as never, NOW));
  });

  test.each<[ActionName, Record<string, unknown>]>([
    ['talks.get', { talkId: '' }],
    ['talks.child', { childId: 'demo-child-01' }],
    ['talks.history', { childId: 'demo-child-01', before: '2027-03-31|x' }],
    ['talks.mine', {}],
    ['talks.month', { classId: 'demo-class-3-1' }],
    ['helpPlans.get', { childId: 'demo-child-01' }],
  ])('%s is refused', async (action, input) => {
    const err = await fails(env, openid, action, action === 'talks.get' ? { talkId } : input, NOW);
    expect(err.code).toBe('FORBIDDEN');
    expectNothingInternal(err);
  });
});

test('the student role sees nothing: no child page, no talk, nothing in the inbox', async () => {
  expect((await fails(env, T.student, 'children.get', { childId: 'demo-child-01' }, NOW)).code).toBe('FORBIDDEN');
  for (const [action, input] of [
    ['talks.get', { talkId }],
    ['talks.child', { childId: 'demo-child-01' }],
    ['talks.month', { classId: 'demo-class-3-1' }],
  ] as [ActionName, object][])
    expect((await fails(env, T.student, action, input, NOW)).code).toBe('FORBIDDEN');
  const inbox = await ok(env, T.student, 'inbox.list', {}, NOW);
  expect(JSON.stringify(inbox)).not.toContain('谈心');
});

test('a community worker gets nothing of the talks on the child page, and may not open a card', async () => {
  const detail = await ok(env, T.community, 'children.get', { childId: 'demo-child-01' }, NOW);
  expect(detail.talks).toEqual({ staff: null, family: [] });
  expectNothingInternal(detail);
  expect(JSON.stringify(detail)).not.toContain(SUMMARY);
  expect((await fails(env, T.community, 'talks.get', { talkId }, NOW)).code).toBe('FORBIDDEN');
});

test('staff see the latest talk on the child page; another family of the school gets no summary', async () => {
  const detail = await ok(env, T.teacher, 'children.get', { childId: 'demo-child-01' }, NOW);
  expect(detail.talks.family).toEqual([]);
  expect(detail.talks.staff).toMatchObject({ latest: { date: '2027-03-06', talkerRoleLabel: '班主任' }, monthStatus: 'done', openPlans: [] });
  const other = await ok(env, T.guardian, 'children.get', { childId: 'demo-child-02' }, NOW);
  expect(other.talks.family).toEqual([]);
});

test('an old card entered late shares its summary on the child page only: no message to the family', async () => {
  const res = await ok(env, T.mentor, 'talks.record', card({ date: '2027-02-10', actions: [], familySummary: '二月的小结' }), NOW);
  expect(res.sharedWith).toBe(0);
  expect(await docs(env, 'inbox', { kind: 'talks.shared', subject: res.talk.id })).toEqual([]);
  const detail = await ok(env, T.parent, 'children.get', { childId: 'demo-child-01' }, NOW);
  expect(detail.talks.family.map((f) => f.summary)).toEqual([SUMMARY, '二月的小结']);
});
