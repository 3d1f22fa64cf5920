/**
 * Wish cards through the api function: who may send one to whom, the moderation states (shown at once, waiting for
 * the teacher, approved, taken down, written again), a risky text never stored and never shown, the wall as the
 * family, the child and the class see it, and bad input answered clearly with nothing written (twice).
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { OTHER } from '../helpers/world';
import { FORBIDDEN_SCOPE } from '../../cloudfunctions/core/access';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { failing, writesTo } from '../api/faults';
import { birthdayWorld, must, NOW, STUDENT, TEACHER } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
/** 林小禾's own student account (the birthday child herself). */
const XIAOHE = 'student-xiaohe';

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
}, 60000);
afterAll(() => env.stop());

const api = (openid: string, action: string, input: Record<string, unknown>, now = NOW) => env.api(openid, action as never, input, now);
const cards = async (where: Record<string, unknown> = {}) =>
  (await env.app.database().collection('wishes').where(where).limit(1000).get()).data as Record<string, unknown>[];
const wallTexts = async (openid: string, childId = 'demo-child-01') => {
  const wall = await must(env, openid, 'wishes.wall', { childId });
  return wall.groups.flatMap((g) => g.cards.map((c) => c.text));
};

describe('a card from a classmate, shown at once', () => {
  let cardId = '';
  beforeAll(async () => {
    const sent = await must(env, STUDENT.buddy, 'wishes.send', { childId: 'demo-child-01', design: 'cake', text: '小禾，生日快乐！我们永远是好朋友🎂' });
    expect(sent).toMatchObject({ visible: true, message: '贺卡已送给小禾', card: { status: 'approved', toName: '小禾', monthDay: '03-12', design: 'cake' } });
    cardId = sent.card.id;
  });

  test('the family, the birthday child, the class account and the teacher see it on her wall, signed by the classmate', async () => {
    const family = await must(env, 'demo-parent', 'wishes.wall', { childId: 'demo-child-01' });
    expect(family).toMatchObject({
      viewer: 'family',
      child: { name: '林小禾', className: '三年级(1)班' },
      birthday: { monthDay: '03-12', daysUntil: 2 },
      count: 1,
      classmates: true,
      groups: [{ year: 2027, monthDay: '03-12', cards: [{ id: cardId, fromLabel: '星辰同学', design: 'cake', photo: null }] }],
    });
    expect(await must(env, XIAOHE, 'wishes.wall', { childId: 'demo-child-01' })).toMatchObject({ viewer: 'child', child: { name: '小禾' }, count: 1 });
    expect(await must(env, STUDENT.quiet, 'wishes.wall', { childId: 'demo-child-01' })).toMatchObject({ viewer: 'class', count: 1 });
    expect(await must(env, TEACHER.head, 'wishes.wall', { childId: 'demo-child-01' })).toMatchObject({ viewer: 'staff', count: 1, waiting: 0 });
  });

  test("the family's home counts the card, quotes it with who sent it, and says when the birthday is", async () => {
    const home = await must(env, 'demo-parent', 'parent.home', { childId: 'demo-child-01' });
    expect(home.wishes).toEqual({ count: 1, latest: [{ from: '星辰同学', text: '小禾，生日快乐！我们永远是好朋友🎂', at: expect.any(String) }] });
    expect(home.birthday).toEqual({ date: '2027-03-12', daysLeft: 2, lunar: true }); // she keeps her lunar birthday
    expect((await must(env, 'demo-parent', 'parent.home', { childId: 'demo-child-01' }, fromBeijing('2027-03-12 00:10'))).birthday).toMatchObject({
      daysLeft: 0,
    });
  });

  test('another classmate sees only the cards they sent, never her wall; nobody of another class or school sees anything', async () => {
    expect(await api(STUDENT.opted, 'wishes.wall', { childId: 'demo-child-01' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '只有过生日的同学本人和家人能看贺卡墙' },
    });
    for (const who of [STUDENT.other, STUDENT.far, OTHER.teacher, 'demo-community'])
      expect(await api(who, 'wishes.wall', { childId: 'demo-child-01' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const home = await must(env, STUDENT.buddy, 'birthdays.home', {});
    expect(home.sent).toEqual([expect.objectContaining({ id: cardId, toName: '小禾', status: 'approved' })]);
    expect((await must(env, STUDENT.opted, 'birthdays.home', {})).sent).toEqual([]);
  });

  test('the same card sent again, or five times at once, is one card', async () => {
    const again = await api(STUDENT.buddy, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '再说一次生日快乐' });
    expect(again).toEqual({ ok: false, error: { code: 'CONFLICT', message: '你已经给小禾送过生日贺卡了' } });
    const at = await Promise.all(
      Array.from({ length: 5 }, () => api(STUDENT.opted, 'wishes.send', { childId: 'demo-child-01', design: 'gift', text: '生日快乐呀' })),
    );
    expect(at.filter((r) => r.ok)).toHaveLength(1);
    for (const r of at.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, error: { code: 'CONFLICT', message: '你已经给小禾送过生日贺卡了' } });
    expect(await cards({ childId: 'demo-child-01', fromOpenid: STUDENT.opted })).toHaveLength(1);
    expect(await cards({ childId: 'demo-child-01', fromOpenid: STUDENT.buddy })).toEqual([
      expect.objectContaining({ text: '小禾，生日快乐！我们永远是好朋友🎂' }),
    ]);
    const audits = (await env.app.database().collection('auditLog').where({ action: 'wishes.send', openid: STUDENT.opted }).get()).data;
    expect(audits).toHaveLength(1);
  });

  test('with its audit entry failing, no card is stored; then it is stored with its entry', async () => {
    const input = { childId: 'demo-child-01', design: 'smile', text: '祝你天天开心！' };
    const broken = await failing(env, writesTo('auditLog'), () => api(STUDENT.quiet, 'wishes.send', input));
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await cards({ fromOpenid: STUDENT.quiet })).toEqual([]);
    expect(await api(STUDENT.quiet, 'wishes.send', input)).toMatchObject({ ok: true, data: { card: { status: 'approved' } } });
    // the class's shared account signs for the whole class
    expect(await cards({ fromOpenid: STUDENT.quiet })).toEqual([expect.objectContaining({ fromLabel: '三年级(1)班全体同学' })]);
  });
});

const SHARED_TABLET = {
  openid: 'class-31-tablet',
  role: 'student',
  schoolId: 'demo-school',
  classId: 'demo-class-3-1',
  childId: null,
  communityId: null,
  label: '三年级(1)班 平板',
  revokedAt: null,
};

describe('moderation', () => {
  test('a text WeChat wants looked at waits for the teacher, flagged; approved it shows, taken down it goes', async () => {
    const sent = await must(env, TEACHER.mentor, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '小笨蛋，生日快乐' });
    expect(sent).toMatchObject({ visible: false, card: { status: 'pending' }, message: '贺卡已交给老师，老师看过后林小禾就能看到' });
    expect(await wallTexts('demo-parent')).not.toContain('小笨蛋，生日快乐');
    expect(await must(env, TEACHER.head, 'wishes.wall', { childId: 'demo-child-01' })).toMatchObject({ waiting: 1 });
    const queue = await must(env, TEACHER.head, 'wishes.queue', {});
    expect(queue.cards).toEqual([
      expect.objectContaining({ id: sent.card.id, childName: '林小禾', flagged: true, fromLabel: '帮扶老师', occurrence: '2027-03-12' }),
    ]);

    expect(await must(env, TEACHER.head, 'wishes.review', { wishId: sent.card.id, decision: 'approve' })).toEqual({ status: 'approved' });
    expect(await wallTexts('demo-parent')).toContain('小笨蛋，生日快乐');
    expect(await api(TEACHER.head, 'wishes.review', { wishId: sent.card.id, decision: 'approve' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这张贺卡已经通过了' },
    });
    expect(await must(env, TEACHER.head, 'wishes.review', { wishId: sent.card.id, decision: 'reject' })).toEqual({ status: 'rejected' });
    expect(await wallTexts('demo-parent')).not.toContain('小笨蛋，生日快乐');
    expect((await must(env, TEACHER.head, 'wishes.queue', {})).cards).toEqual([]);
    // the sender may write again after a card was not approved
    const compose = await must(env, TEACHER.mentor, 'wishes.compose', { childId: 'demo-child-01' });
    expect(compose).toMatchObject({ canSend: true, sent: { status: 'rejected' }, signature: '帮扶老师' });
    expect(await must(env, TEACHER.mentor, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '小禾，生日快乐' })).toMatchObject({
      visible: true,
    });
    expect(await cards({ fromOpenid: TEACHER.mentor })).toEqual([expect.objectContaining({ status: 'approved', text: '小禾，生日快乐' })]);
  });

  test('a class whose teacher sees every card first: a student’s passing card waits too, a teacher’s does not', async () => {
    expect(await must(env, TEACHER.head, 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: true })).toEqual({ approvalRequired: true });
    // a second shared account of the class (the classroom's tablet, say) writes for the whole class
    await env.app
      .database()
      .collection('bindings')
      .add({ ...SHARED_TABLET, createdAt: NOW });
    const sent = await must(env, SHARED_TABLET.openid, 'wishes.send', { childId: 'demo-child-01', design: 'rainbow', text: '小禾，全班祝你生日快乐！' });
    expect(sent.card.status).toBe('pending');
    expect((await must(env, TEACHER.head, 'wishes.queue', {})).cards).toEqual([
      expect.objectContaining({ flagged: false, fromLabel: '三年级(1)班全体同学', childName: '林小禾' }),
    ]);
    expect(await wallTexts('demo-parent')).not.toContain('小禾，全班祝你生日快乐！');
    await must(env, TEACHER.head, 'wishes.review', { wishId: sent.card.id, decision: 'approve' });
    expect(await wallTexts('demo-parent')).toContain('小禾，全班祝你生日快乐！');
    expect(
      (await must(env, TEACHER.head, 'wishes.send', { childId: 'demo-child-01', design: 'rainbow', text: '小禾生日快乐，老师为你骄傲！' })).card.status,
    ).toBe('approved');
    await must(env, TEACHER.head, 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: false });
  });

  test('a risky text is refused kindly: nothing stored, nothing shown, nothing for the teacher', async () => {
    const before = (await cards()).length;
    const res = await api(TEACHER.head32, 'wishes.send', { childId: 'demo-child-05', design: 'cake', text: '加微信领红包' }, fromBeijing('2027-02-27 10:00'));
    expect(res).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '这段文字可能含有不适合的内容，请换一种说法再发', details: [{ path: 'text', message: '内容未通过安全检查' }] },
    });
    expect(await cards()).toHaveLength(before);
    expect(JSON.stringify(await cards())).not.toContain('红包');
    expect(JSON.stringify(await must(env, TEACHER.head32, 'wishes.queue', {}))).not.toContain('红包');
  });

  test('a teacher of another class cannot moderate the class’s cards', async () => {
    const [card] = await cards({ childId: 'demo-child-01', fromOpenid: STUDENT.buddy });
    for (const who of [TEACHER.head32, OTHER.teacher, TEACHER.mentor, STUDENT.buddy, 'demo-parent'])
      expect(await api(who, 'wishes.review', { wishId: card._id as string, decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await cards({ _id: card._id }))[0].status).toBe('approved');
  });
});

describe('who may write to whom, and bad input: clear errors, nothing written', () => {
  const refused = async (openid: string, input: Record<string, unknown>, error: Record<string, unknown>, now = NOW) => {
    const before = JSON.stringify(await cards());
    expect(await api(openid, 'wishes.send', input, now)).toEqual({ ok: false, error });
    expect(JSON.stringify(await cards())).toBe(before);
  };
  const card = (text: string, childId = 'demo-child-01') => ({ childId, design: 'cake', text });

  test('a card to a child of another class or school', async () => {
    await refused(STUDENT.buddy, card('生日快乐', 'demo-child-05'), { code: 'FORBIDDEN', message: FORBIDDEN_SCOPE });
    await refused(STUDENT.buddy, card('生日快乐', OTHER.childId), { code: 'FORBIDDEN', message: FORBIDDEN_SCOPE });
    await refused(STUDENT.buddy, card('生日快乐', 'no-such-child'), { code: 'FORBIDDEN', message: FORBIDDEN_SCOPE });
  });

  test('to a child whose birthday is not announced to classmates, to oneself, or out of the birthday week', async () => {
    await refused(STUDENT.opted, card('生日快乐', 'demo-child-02'), { code: 'FORBIDDEN', message: '现在还不能给子墨送生日贺卡' });
    await refused(STUDENT.buddy, card('生日快乐', 'demo-child-03'), { code: 'FORBIDDEN', message: '现在还不能给一诺送生日贺卡' });
    await refused(TEACHER.head, card('生日快乐', 'demo-child-04'), { code: 'FORBIDDEN', message: '还没有取得吴星辰监护人的同意，不能为孩子送生日贺卡' });
    await refused(XIAOHE, card('生日快乐'), { code: 'FORBIDDEN', message: '不能给自己送生日贺卡哦' });
    await refused(
      STUDENT.opted,
      card('生日快乐'),
      { code: 'CONFLICT', message: '现在不是小禾的生日：生日前一周到生日后三天可以送贺卡' },
      fromBeijing('2027-03-16 09:00'),
    );
    // the family switched classmates off: the teacher may still write
    expect(await api(TEACHER.head, 'wishes.send', card('子墨生日快乐', 'demo-child-02'))).toMatchObject({ ok: true });
  });

  test('a text of 10,000 字, emoji only, HTML or script, a wrong design, a forged field', async () => {
    const invalid = (message: string, path = 'text') => ({ code: 'INVALID_INPUT', message: `输入有误：${message}`, details: [{ path, message }] });
    await refused(STUDENT.other, card('生'.repeat(10000), 'demo-child-05'), invalid('祝福的话不能超过 100 个字（现在有 10000 个字）'));
    await refused(STUDENT.buddy, card('🎂🎉🎈🎁'), invalid('祝福的话不能只有表情或符号，请写几个字'));
    await refused(STUDENT.buddy, card('   '), invalid('请写上祝福的话'));
    for (const html of ['<script>alert("生日")</script>', '生日快乐<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">生日快乐</a>'])
      await refused(STUDENT.buddy, card(html), invalid('祝福的话里不能有网页代码（如 <script>、尖括号标签），请只写文字'));
    await refused(STUDENT.buddy, { childId: 'demo-child-01', design: 'skull', text: '生日快乐' }, invalid('请选择贺卡样式', 'design'));
    const forged = await api(STUDENT.buddy, 'wishes.send', { ...card('生日快乐'), fromLabel: '校长' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：不支持的字段：fromLabel' } });
  });

  test('composing: what the student is told (given name, class, the day), and why a card cannot be written', async () => {
    expect(await must(env, STUDENT.opted, 'wishes.compose', { childId: 'demo-child-01' })).toEqual({
      child: { childId: 'demo-child-01', givenName: '小禾', className: '三年级(1)班', birthday: { monthDay: '03-12', daysUntil: 2 } },
      sent: expect.objectContaining({ status: 'approved', toName: '小禾' }),
      signature: '一诺同学',
      approvalRequired: false,
      maxChars: 100,
      canSend: false,
      reason: '你已经给小禾送过生日贺卡了',
    });
    expect(await must(env, STUDENT.opted, 'wishes.compose', { childId: 'demo-child-02' })).toEqual({
      child: { childId: 'demo-child-02', givenName: '子墨', className: '三年级(1)班', birthday: null },
      sent: null,
      signature: '一诺同学',
      approvalRequired: false,
      maxChars: 100,
      canSend: false,
      reason: '现在还不能给子墨送生日贺卡',
    });
  });
});
