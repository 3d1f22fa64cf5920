/**
 * Birthday reminders through the built scheduler bundle in the emulator (the morning trigger, 07:30 Beijing):
 * who is reminded the day before and who is not, the family's messages on the day and the day after, and each
 * reminder stored once however often, or however concurrently, the trigger fires.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { InboxEntry, OutboxEntry } from '../../cloudfunctions/core/reminders/types';
import { fire } from '../reminders/helpers';
import { birthdayWorld, must, STUDENT, TEACHER } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
const DAY_BEFORE = fromBeijing('2027-03-11 07:30');

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await birthdayWorld(env);
}, 60000);
afterAll(() => env.stop());

const outbox = async (where: Record<string, unknown> = {}) =>
  (await env.app.database().collection('outbox').where(where).limit(1000).get()).data as OutboxEntry[];
const birthdayOutbox = async () => (await outbox()).filter((e) => e.kind.startsWith('birthday.'));
/** Who got a reminder of this kind about this child. */
const recipients = async (kind: string, childId: string) => (await outbox({ kind, subject: childId })).map((e) => e.to).sort();

describe('the day before (morning of 2027-03-11)', () => {
  beforeAll(async () => {
    const run = await fire(env, 'morning', DAY_BEFORE);
    expect(run.sources.birthdays.created).toBeGreaterThan(0);
  });

  test('林小禾 (lunar birthday on 3月12日): her buddy and the classmate who asked, her class teacher and her mentor', async () => {
    expect(await recipients('birthday.classmates', 'demo-child-01')).toEqual([STUDENT.buddy, STUDENT.opted].sort());
    expect(await recipients('birthday.teacher', 'demo-child-01')).toEqual([TEACHER.head, TEACHER.mentor].sort());
    const [buddy] = await outbox({ kind: 'birthday.classmates', subject: 'demo-child-01', to: STUDENT.buddy });
    expect(buddy).toMatchObject({
      title: '明天是小禾的生日',
      occurrence: '2027-03-12',
      template: 'birthday',
      role: 'student',
      page: 'areas/birthdays/pages/compose/index?childId=demo-child-01',
    });
    expect(buddy.body).toContain('你的手拉手好朋友小禾（三年级(1)班）明天（3月12日）过生日');
    const [classmate] = await outbox({ kind: 'birthday.classmates', subject: 'demo-child-01', to: STUDENT.opted });
    expect(classmate.body).toContain('同班同学小禾');
    const [teacher] = await outbox({ kind: 'birthday.teacher', subject: 'demo-child-01', to: TEACHER.head });
    expect(teacher.body).toMatch(/^三年级\(1\)班林小禾明天（3月12日，农历.+）过生日。已提醒/);
  });

  test('周子墨 (the family switched classmates off): only the teacher, not his buddy', async () => {
    expect(await recipients('birthday.classmates', 'demo-child-02')).toEqual([]);
    expect(await recipients('birthday.teacher', 'demo-child-02')).toEqual([TEACHER.head]);
    const [teacher] = await outbox({ kind: 'birthday.teacher', subject: 'demo-child-02' });
    expect(teacher.body).toContain('家长关闭了同学提醒，只提醒您');
  });

  test('children without consent (陈一诺 refused, 吴星辰 never asked) are announced to nobody, not even the teacher', async () => {
    // (the 儿童主任's visit reminders are the community's duty, not a birthday announcement)
    for (const child of ['demo-child-03', 'demo-child-04'])
      expect((await outbox({ subject: child })).filter((e) => e.kind.startsWith('birthday.'))).toEqual([]);
  });

  test('no one of another class or school hears of them; the other school celebrates its own child in its own class', async () => {
    const all = await birthdayOutbox();
    const demo = all.filter((e) => e.schoolId === 'demo-school');
    for (const who of [STUDENT.other, STUDENT.far, STUDENT.quiet, TEACHER.head32, OTHER.teacher]) expect(demo.filter((e) => e.to === who)).toEqual([]);
    expect(await recipients('birthday.classmates', OTHER.childId)).toEqual([STUDENT.far]);
    expect(await recipients('birthday.teacher', OTHER.childId)).toEqual([OTHER.teacher]);
    // The day before is no family message yet.
    expect(all.filter((e) => e.kind === 'birthday.family' || e.kind === 'birthday.cards')).toEqual([]);
  });

  test('students read the given name and class only: no surname, birth year or archive field in what they receive', async () => {
    const db = env.app.database();
    for (const who of [STUDENT.buddy, STUDENT.opted]) {
      const inbox = (await db.collection('inbox').where({ to: who }).limit(100).get()).data as InboxEntry[];
      const sent = await outbox({ to: who });
      expect(inbox.length).toBeGreaterThan(0);
      const text = JSON.stringify([inbox.map((e) => [e.title, e.body]), sent.map((e) => [e.title, e.body, e.fields])]);
      for (const secret of ['林小禾', '2017', 'birthDate', 'lunar', '农历', '留守']) expect(text).not.toContain(secret);
    }
  });

  test('firing again, and twice at once, stores no reminder twice', async () => {
    const before = (await birthdayOutbox()).map((e) => e._id).sort();
    const again = await fire(env, 'morning', new Date(DAY_BEFORE.getTime() + 60000));
    expect(again.sources.birthdays.created).toBe(0);
    const [a, b] = await Promise.all([
      fire(env, 'morning', new Date(DAY_BEFORE.getTime() + 120000)),
      fire(env, 'morning', new Date(DAY_BEFORE.getTime() + 120000)),
    ]);
    expect(a.sources.birthdays.created + b.sources.birthdays.created).toBe(0);
    expect((await birthdayOutbox()).map((e) => e._id).sort()).toEqual(before);
    const keys = (await birthdayOutbox()).map((e) => `${e.kind}|${e.subject}|${e.occurrence}|${e.to}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the day (morning of 2027-03-12) and the day after', () => {
  beforeAll(async () => {
    // Cards sent the day before: one from the buddy, one from the teacher.
    const at = fromBeijing('2027-03-11 16:00');
    await must(env, STUDENT.buddy, 'wishes.send', { childId: 'demo-child-01', design: 'cake', text: '小禾，生日快乐！' }, at);
    await must(env, TEACHER.head, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '祝小禾生日快乐，天天开心！' }, at);
    await fire(env, 'morning', fromBeijing('2027-03-12 07:30'));
  });

  test('the family gets a warm message with the cards so far; the classmates are not reminded a second time', async () => {
    expect(await recipients('birthday.family', 'demo-child-01')).toEqual(['demo-guardian', 'demo-parent']);
    const [mother] = await outbox({ kind: 'birthday.family', to: 'demo-parent' });
    expect(mother).toMatchObject({ title: '今天是林小禾的生日', page: 'areas/birthdays/pages/wall/index?childId=demo-child-01' });
    expect(mother.body).toContain('已经送来 2 张生日贺卡');
    // 周子墨's family hears of his birthday too: switching classmates off does not switch the family off.
    expect(await recipients('birthday.family', 'demo-child-02')).toEqual(['demo-guardian']);
    expect(await recipients('birthday.classmates', 'demo-child-01')).toEqual([STUDENT.buddy, STUDENT.opted].sort());
    expect((await outbox({ kind: 'birthday.classmates', subject: 'demo-child-01' })).every((e) => e.title === '明天是小禾的生日')).toBe(true);
  });

  test('the next morning the family is told 孩子收到了 N 张生日贺卡 (only where there are cards)', async () => {
    await must(env, STUDENT.opted, 'wishes.send', { childId: 'demo-child-01', design: 'rainbow', text: '生日快乐！' }, fromBeijing('2027-03-12 12:00'));
    await fire(env, 'morning', fromBeijing('2027-03-13 07:30'));
    const cards = await outbox({ kind: 'birthday.cards' });
    expect(cards.map((e) => e.to).sort()).toEqual(['demo-guardian', 'demo-parent']);
    expect(cards[0]).toMatchObject({ title: '孩子收到了 3 张生日贺卡', subject: 'demo-child-01' });
    expect(cards[0].body).toBe('林小禾的生日（3月12日）收到了 3 张老师和同学送的生日贺卡，点开看看吧。');
  });
});

describe('catching up and special days', () => {
  test('a run that missed the day before reminds on the day itself, once', async () => {
    // 孙浩然 (3-2) gets consent and a birthday on 3月20日; the run of the 19th is missed.
    const db = env.app.database();
    await db.collection('children').doc('demo-child-06').update({ birthDate: '2017-03-20' });
    await must(env, 'demo-admin', 'consent.record', {
      childId: 'demo-child-06',
      decision: 'granted',
      noticeVersion: '2026-11',
      method: 'paper',
      signerName: '孙强',
      signerRelation: '父亲',
    });
    await fire(env, 'morning', fromBeijing('2027-03-20 07:30'));
    const [teacher] = await outbox({ kind: 'birthday.teacher', subject: 'demo-child-06' });
    expect(teacher).toMatchObject({ to: TEACHER.head32, title: '今天是孙浩然的生日', occurrence: '2027-03-20' });
    // STUDENT.other is 孙浩然's own account: not told of their own birthday.
    expect(await recipients('birthday.classmates', 'demo-child-06')).toEqual([]);
    await fire(env, 'morning', fromBeijing('2027-03-20 08:00'));
    expect(await outbox({ kind: 'birthday.teacher', subject: 'demo-child-06' })).toHaveLength(1);
  });

  test('2月29日 is celebrated on 2月28日 in a common year: reminders on the 27th', async () => {
    await fire(env, 'morning', fromBeijing('2027-02-27 07:30'));
    const [classmate] = await outbox({ kind: 'birthday.classmates', subject: 'demo-child-05' });
    expect(classmate).toMatchObject({ to: STUDENT.other, occurrence: '2027-02-28', title: '明天是可欣的生日' });
    expect(await recipients('birthday.teacher', 'demo-child-05')).toEqual([TEACHER.head32]);
    // 3-1's classmate who asked for reminders is of another class.
    expect((await outbox({ subject: 'demo-child-05' })).map((e) => e.to)).not.toContain(STUDENT.opted);
  });
});
