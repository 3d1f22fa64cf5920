/**
 * What a student receives, on every payload of every action a student may call (meta.actions lists them; a new one
 * fails here until it is checked): children by given name and class only — never another child's full name, a birth
 * year or date, an age, a lunar calendar or any archive field. And a student reads no archive and no wall but their
 * own (or the class's, from the class's shared account).
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { fire } from '../reminders/helpers';
import { birthdayWorld, must, NOW, STUDENT, TEACHER } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
const XIAOHE = 'student-xiaohe';

/** Each student, and the child record that is their own (their own name they may read). */
const STUDENTS: [string, string | null][] = [
  [STUDENT.buddy, '吴星辰'],
  [STUDENT.opted, '陈一诺'],
  [STUDENT.quiet, null],
  [STUDENT.other, '孙浩然'],
  [XIAOHE, '林小禾'],
];
const FULL_NAMES = ['林小禾', '周子墨', '陈一诺', '吴星辰', '郑可欣', '孙浩然', '马语桐', '何家乐', '罗思琪', '高宇航', '赵小川'];
const ARCHIVE_WORDS = [
  'birthDate',
  'lunarBirthday',
  'lunar',
  '农历',
  'age',
  '岁',
  'gender',
  'leftBehind',
  '留守',
  'idNumber',
  'address',
  'health',
  'hobbies',
  'familySituation',
  'studySituation',
  'focusSupport',
  'difficult',
  'guardian',
  'phone',
  'consent',
];
const BIRTH_YEARS = ['2015', '2016', '2017', '2018'];

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await birthdayWorld(env);
  await env.app.database().collection('bindings').add({
    openid: XIAOHE,
    role: 'student',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: 'demo-child-01',
    communityId: null,
    label: '三年级(1)班 林小禾',
    createdAt: NOW,
    revokedAt: null,
  });
  await must(env, STUDENT.buddy, 'wishes.send', { childId: 'demo-child-01', design: 'cake', text: '小禾，生日快乐！' });
  // (a card's words are its writer's own: they are moderated, not rewritten)
  await must(env, TEACHER.head, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '小禾同学，生日快乐！' });
  await must(env, STUDENT.buddy, 'corner.post', { classId: 'demo-class-3-1', kind: 'declaration', title: '爱心宣言', text: '我们手拉手，一起长大' });
  await fire(env, 'morning', fromBeijing('2027-03-11 07:30'));
}, 60000);
afterAll(() => env.stop());

/** Every payload the student gets from each action a student may call. */
async function payloadsOf(openid: string): Promise<Record<string, unknown[]>> {
  const later = fromBeijing('2027-03-11 12:00');
  const call = async (action: string, input: Record<string, unknown>) => (await env.api(openid, action as never, input, later)) as unknown;
  const home = (await call('birthdays.home', {})) as { data: { classId: string; upcoming: { childId: string }[] } };
  const classmates = ['demo-child-01', 'demo-child-02', 'demo-child-03', 'demo-child-04', 'demo-child-05', 'demo-child-06'];
  return {
    'birthdays.home': [home],
    'birthdays.optIn': [await call('birthdays.optIn', { on: true }), await call('birthdays.optIn', { on: false })],
    'wishes.compose': await Promise.all(classmates.map((childId) => call('wishes.compose', { childId }))),
    'wishes.send': await Promise.all(classmates.map((childId) => call('wishes.send', { childId, design: 'gift', text: '生日快乐！' }))),
    'wishes.wall': await Promise.all(classmates.map((childId) => call('wishes.wall', { childId }))),
    'corner.board': [await call('corner.board', { classId: home.data.classId })],
    'corner.post': [await call('corner.post', { classId: home.data.classId, kind: 'board', title: '宣传栏', text: `${openid}的作品：关爱你我他` })],
    'inbox.list': [await call('inbox.list', {})],
    'inbox.read': [await call('inbox.read', { all: true })],
    'reminders.mine': [await call('reminders.mine', {})],
    'reminders.subscribe': [await call('reminders.subscribe', { results: { NOT_A_TEMPLATE: 'accept' } })],
    whoami: [await call('whoami', {})],
    'privacy.notice': [await call('privacy.notice', {})],
    'setup.status': [await call('setup.status', {})],
    'setup.claimAdmin': [await call('setup.claimAdmin', { code: 'WRONG-CODE', schoolName: '新学校' })],
    'invites.redeem': [await call('invites.redeem', { code: 'ZZZZ-ZZZZ' })],
  };
}

test('every action a student may call is checked here', async () => {
  const meta = await must(env, 'demo-admin', 'meta.actions', {});
  const forStudents = meta.actions.filter((a) => a.roles === 'anyone' || a.roles.includes('student')).map((a) => a.action);
  expect(Object.keys(await payloadsOf(STUDENT.quiet)).sort()).toEqual(forStudents.sort());
});

describe.each(STUDENTS)('%s', (openid, ownName) => {
  test('receives given names and classes only, on every payload', async () => {
    const payloads = await payloadsOf(openid);
    for (const [action, answers] of Object.entries(payloads)) {
      const text = JSON.stringify(answers);
      const found = [
        ...FULL_NAMES.filter((n) => n !== ownName && text.includes(n)),
        // words of the archive: whole English words (a page or a message is no age), Chinese anywhere; the privacy
        // notice, the same for everyone, speaks of 留守儿童 under 14 (周岁)
        ...ARCHIVE_WORDS.filter((w) => action !== 'privacy.notice' && (/^[a-z]/i.test(w) ? new RegExp(`\\b${w}`, 'i').test(text) : text.includes(w))),
        ...BIRTH_YEARS.filter((y) => text.includes(y)),
      ];
      expect({ action, found }).toEqual({ action, found: [] });
    }
    // and they were real answers: the home screen names the class and the birthday of 小禾
    const home = JSON.stringify(payloads['birthdays.home']);
    expect(home).toContain('三年级');
    if (openid !== XIAOHE && openid !== STUDENT.other) expect(home).toContain('小禾');
  });

  test('reads no archive, no contact card, no care network, nobody’s call history', async () => {
    const child = openid === STUDENT.other ? 'demo-child-05' : 'demo-child-01';
    const cls = openid === STUDENT.other ? 'demo-class-3-2' : 'demo-class-3-1';
    for (const [action, input] of [
      ['children.get', { childId: child }],
      ['archive.roster', { classId: cls }],
      ['archive.history', { childId: child }],
      ['archive.export', { classId: cls, kind: 'registration' }],
      ['consent.get', { childId: child }],
      ['care.candidates', { childId: child }],
      ['familyCalls.history', { childId: child }],
      ['birthdays.list', { classId: cls }],
      ['buddies.export', { classId: cls }],
      ['wishes.queue', { classId: cls }],
    ] as const)
      expect({ action, answer: await env.api(openid, action as never, input) }).toMatchObject({ action, answer: { ok: false, error: { code: 'FORBIDDEN' } } });
  });
});

test('a student cannot read another class’s wall or corner, nor another school’s', async () => {
  for (const [childId, classId] of [
    ['demo-child-05', 'demo-class-3-2'],
    [OTHER.childId, OTHER.classId],
  ]) {
    for (const who of [STUDENT.buddy, STUDENT.quiet]) {
      expect(await env.api(who, 'wishes.wall', { childId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await env.api(who, 'corner.board', { classId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await env.api(who, 'wishes.compose', { childId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  }
});
