/**
 * The family side beyond posts: contact changes wait for the class teacher, study progress only as shared, the
 * guardian's to-do list, the export, and joining by scanning an invite's mini-program code.
 */
import QRCode from 'qrcode';
import { qrSegments } from '../../emulator/wxapi/wxacode';
import type { TestEmulator } from '../helpers/emulator';
import { count, DEMO, failure, growthSchool, ok } from './helpers';

let env: TestEmulator;
beforeAll(async () => {
  env = await growthSchool();
}, 60000);
afterAll(() => env.stop());

const CHILD = 'demo-child-01';

test("a parent's contact change is pending until the class teacher confirms; the card's history records both", async () => {
  const change = await ok(env, DEMO.parent, 'contactChanges.propose', { childId: CHILD, entry: 1, changes: { phone: '13911112222', workCity: '浙江宁波' } });
  expect(change).toMatchObject({ status: 'pending', entryLabel: '母亲 黄秀英', proposedBy: '林小禾的妈妈' });
  const card = async () => (await ok(env, DEMO.teacher, 'children.get', { childId: CHILD })).contactCard!;
  expect((await card()).parents[1]).toMatchObject({ phone: '13900246810', workCity: '广东东莞' });
  const home = await ok(env, DEMO.parent, 'parent.home', {});
  expect(home.contact?.pending.map((p) => p.id)).toEqual([change.id]);

  const list = await ok(env, DEMO.teacher, 'contactChanges.list', {});
  expect(list.changes[0]).toMatchObject({ id: change.id, status: 'pending', childName: '林小禾' });
  expect(failure(await env.api(DEMO.parent, 'contactChanges.decide', { changeId: change.id, accept: true }))?.code).toBe('FORBIDDEN');
  const decided = await ok(env, DEMO.teacher, 'contactChanges.decide', { changeId: change.id, accept: true });
  expect(decided).toMatchObject({ status: 'accepted', decidedBy: '三年级(1)班 班主任' });
  const after = await card();
  expect(after.parents[1]).toMatchObject({ phone: '13911112222', workCity: '浙江宁波', workUnit: '东莞某电子厂' });
  expect(after.confirmedAt).toBeTruthy();
  const history = await ok(env, DEMO.teacher, 'archive.history', { childId: CHILD });
  expect(history.entries[0]).toMatchObject({ target: 'contactCard', by: '三年级(1)班 班主任', note: '林小禾的妈妈提出修改，三年级(1)班 班主任确认' });
  expect(history.entries[0].changes.map((c) => [c.field, c.from, c.to])).toEqual([
    ['parents.1.phone', '13900246810', '13911112222'],
    ['parents.1.workCity', '广东东莞', '浙江宁波'],
  ]);
  expect(failure(await env.api(DEMO.teacher, 'contactChanges.decide', { changeId: change.id, accept: false }))?.code).toBe('CONFLICT');
});

test('a guardian changes only the guardian entry; bad phones and no-op changes are refused', async () => {
  const bad = [
    [DEMO.guardian, { childId: CHILD, entry: 0, changes: { phone: '13911112222' } }, '监护人只能修改联系卡上监护人自己的信息'],
    [DEMO.parent, { childId: CHILD, entry: 'guardian', changes: { phone: '13911112222' } }, '请选择联系卡上您自己的那一栏'],
    [DEMO.parent, { childId: CHILD, entry: 0, changes: { phone: '12345' } }, '电话格式不正确'],
    [DEMO.parent, { childId: CHILD, entry: 0, changes: { address: '某地' } }, '这一栏没有“家庭住址”'],
    [DEMO.parent, { childId: CHILD, entry: 0, changes: { phone: '13800135678' } }, '和联系卡上的一样'],
  ] as const;
  const before = await count(env, 'contactChanges');
  for (const [who, input, message] of bad) expect(failure(await env.api(who, 'contactChanges.propose', input as never))?.message).toContain(message);
  expect(await count(env, 'contactChanges')).toBe(before);
  const ok1 = await ok(env, DEMO.guardian, 'contactChanges.propose', { childId: CHILD, entry: 'guardian', changes: { address: '青山村六组' } });
  const declined = await ok(env, DEMO.teacher, 'contactChanges.decide', { changeId: ok1.id, accept: false, note: '家访核实仍住五组' });
  expect(declined).toMatchObject({ status: 'declined', note: '家访核实仍住五组' });
});

test('study progress appears on the home only once a teacher shares an exam', async () => {
  await ok(env, DEMO.teacher, 'archive.update', {
    childId: CHILD,
    expectedVersion: (await ok(env, DEMO.teacher, 'children.get', { childId: CHILD })).child.archiveVersion as number,
    changes: { studyRecords: [{ exam: '期中考试', date: '2026-11-10', scores: [{ subject: '语文', score: 92 }], rank: 5 }] },
  });
  expect((await ok(env, DEMO.parent, 'parent.home', {})).study).toEqual([]);
  const shared = await ok(env, DEMO.teacher, 'parent.shareStudy', { childId: CHILD, change: { exam: '期中考试', date: '2026-11-10', shared: true } });
  expect(shared.exams).toEqual([{ exam: '期中考试', date: '2026-11-10', subjects: '语文 92', shared: true }]);
  expect((await ok(env, DEMO.parent, 'parent.home', {})).study).toEqual([
    { exam: '期中考试', date: '2026-11-10', scores: [{ subject: '语文', score: 92, full: 100 }], rank: 5 },
  ]);
  expect(failure(await env.api(DEMO.parent, 'parent.shareStudy', { childId: CHILD }))?.code).toBe('FORBIDDEN');
  expect(
    failure(await env.api(DEMO.teacher, 'parent.shareStudy', { childId: CHILD, change: { exam: '期末考试', date: '2026-11-10', shared: true } }))?.code,
  ).toBe('INVALID_INPUT');
});

test("the guardian's home: the other children to switch to, the care network, what to do, the birthday, no cards yet", async () => {
  const home = await ok(env, DEMO.guardian, 'parent.home', { childId: 'demo-child-02' });
  expect(home.children.map((c) => c.name).sort()).toEqual(['周子墨', '林小禾'].sort());
  expect(home.child).toMatchObject({ name: '周子墨', role: 'guardian', relation: '外婆' });
  // consent signed on paper, photo consent given, no contact card yet: nothing to do for 周子墨
  expect(home.todo).toEqual([]);
  expect(home).toMatchObject({ talkSummary: null, wishes: { count: 0, latest: [] } });
  expect(home.birthday).toMatchObject({ date: expect.stringMatching(/-04-03$/), lunar: false });
  const first = await ok(env, DEMO.guardian, 'parent.home', { childId: CHILD });
  expect(first.care).toEqual({ mentor: null, buddies: ['吴星辰'] });
  expect(first.nextCall).not.toBeNull();
  expect(first.todo.map((t) => t.kind)).toContain('confirmCall');
});

test("the family home shows this month's talk summary the teacher shared, nothing else of the card, and audits the read", async () => {
  const beijingToday = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
  const before = await ok(env, DEMO.guardian, 'parent.home', { childId: 'demo-child-02' });
  expect(before.talkSummary).toBeNull();

  await ok(env, DEMO.teacher, 'talks.record', {
    childId: 'demo-child-02',
    date: beijingToday,
    place: '关爱室',
    talkerRole: 'class_teacher',
    mood: 4,
    topics: ['study'],
    childSaid: '想爸爸了，数学作业会写了。',
    concerns: [],
    actions: [],
    followUps: [],
    familySummary: '子墨这个月作业按时完成，进步很大。',
  } as never);
  const home = await ok(env, DEMO.guardian, 'parent.home', { childId: 'demo-child-02' });
  expect(home.talkSummary).toEqual({ month: beijingToday.slice(0, 7), text: '子墨这个月作业按时完成，进步很大。', by: '班主任' });
  expect(JSON.stringify(home)).not.toContain('想爸爸了');
  const reads = await env.app.database().collection('auditLog').where({ openid: DEMO.guardian, childId: 'demo-child-02', action: 'parent.home' }).get();
  // the homes before the summary read none of it; the one after did
  expect(reads.data.filter((e) => (e as { fields: string[] }).fields.includes('talks.familySummary'))).toHaveLength(1);
  expect(reads.data.length).toBeGreaterThan(1);
});

test('a family exports its posts and messages', async () => {
  const { postId } = await ok(env, DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'study', text: '背完了一首古诗', photos: [] });
  await ok(env, DEMO.parent, 'replies.create', { postId, childId: CHILD, text: '真棒' });
  const file = await ok(env, DEMO.parent, 'parent.export', { childId: CHILD });
  expect(file.fileName).toBe('林小禾的成长动态.xlsx');
  expect(file.rows).toBeGreaterThanOrEqual(2);
  expect(Buffer.from(file.data, 'base64').subarray(0, 2).toString()).toBe('PK');
});

test('an invite as a mini-program code: a real QR that opens the bind page with the code', async () => {
  const invite = await ok(env, DEMO.teacher, 'invites.create', { role: 'parent', childId: 'demo-child-03', relation: '爸爸' });
  const qr = await ok(env, DEMO.teacher, 'invites.qrcode', { inviteId: invite.id, code: invite.code });
  expect(qr).toMatchObject({ page: 'pages/bind/index', scene: invite.scene });
  const image = Buffer.from(qr.image, 'base64');
  expect(image.subarray(1, 4).toString()).toBe('PNG');
  expect(image.readUInt32BE(16)).toBe(430);
  // exactly the QR code of the bind page with the invite's scene (what scanning opens)
  const expected = await QRCode.toBuffer(qrSegments(`pages/bind/index?scene=${encodeURIComponent(invite.scene)}`), {
    type: 'png',
    width: 430,
    margin: 2,
    errorCorrectionLevel: 'M',
  });
  expect(image.equals(expected)).toBe(true);
  expect(failure(await env.api(DEMO.teacher, 'invites.qrcode', { inviteId: invite.id, code: 'ABCD-EFGH' }))?.code).toBe('INVALID_INPUT');
  expect(failure(await env.api(DEMO.parent, 'invites.qrcode', { inviteId: invite.id, code: invite.code }))?.code).toBe('FORBIDDEN');
}, 30000);
