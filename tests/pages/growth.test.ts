/**
 * The growth pages against the real emulator: the parent home with a post and its photo, thanks and a message to the
 * teacher, the teacher's composer uploading a photo through the local transport, the contact change and its
 * confirmation, photo consent, the join code from an invite.
 */
import { DEMO_OPENIDS as DEMO, seedDemoActivity } from '../../scripts/demo-data';
import { tap, textOf, waitFor, waitForText } from './helpers/render';
import { openPage, partText, pickRadio, typeInto } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import { demoPhoto } from '../../scripts/demo/growth';

const school = useDemoSchool(async () => {
  await seedDemoActivity((openid, action, input, at) => school.answer(openid, action as never, input as never, at) as never, new Date());
});

const CHILD = 'demo-child-01';
const open = (openid: string, page: string, query: Record<string, string> = {}) => openPage(school.phone(openid), `areas/growth/pages/${page}`, query);

test('the parent home shows the child, what to do, the post with its photo, the next birthday and the way to the cards', async () => {
  const { postId } = await school.api(DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'honor', text: '小禾今天得了一朵小红花！', photos: [] });
  const page = open(DEMO.parent, 'home');
  await waitForText(page, '小禾今天得了一朵小红花！');
  expect(partText(page, '.hello')).toContain('林小禾');
  expect(partText(page, '.hello')).toContain('您是孩子的妈妈');
  expect(partText(page, '.todo')).toContain('确认下次亲情视频');
  expect(partText(page, '.next-call')).toMatch(/周三 19:00|19:00/);
  // the demo's cards for her birthday, who wrote them, and her next (lunar) birthday
  expect(partText(page, '.wishes')).toMatch(/孩子收到了 \d+ 张生日贺卡/);
  expect(partText(page, '.wishes')).toContain('— 星辰同学');
  expect(partText(page, '.wishes')).toMatch(/下次生日：\d+月\d+日（过农历生日），还有 \d+ 天|今天是孩子的生日（过农历生日）/);
  expect(partText(page, '.care')).toContain('吴星辰');
  expect(textOf(page)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  // the card of wishes opens the child's wall
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  tap(page, '.wishes');
  await waitFor(page, () => navigate.mock.calls.length > 0, 'wx.navigateTo');
  expect(navigate).toHaveBeenLastCalledWith({ url: `/areas/birthdays/pages/wall/index?childId=${CHILD}` });
  navigate.mockRestore();

  const index = (page.data.posts as { id: string }[]).findIndex((p) => p.id === postId);
  expect(index).toBeGreaterThanOrEqual(0);
  page.querySelectorAll('.growth-home >>> .post-card__like')[index].dispatchEvent('tap');
  await waitFor(page, () => (page.data.posts as { liked: boolean }[])[index].liked, 'the thanks');
  expect(partText(page, '.growth-home')).toContain('已感谢 1');
  const staff = await school.api(DEMO.teacher, 'posts.get', { postId });
  expect(staff.post.likes).toBe(1);
}, 20000);

test("the family home shows this month's talk summary the teacher shared, and says what will come before there is one", async () => {
  const before = open(DEMO.guardian, 'home', { childId: 'demo-child-02' });
  await waitForText(before, '周子墨');
  expect(partText(before, '.talk')).toContain('每个月老师和孩子谈心后');

  const today = new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
  const talk = { place: '关爱室', talkerRole: 'class_teacher', mood: 4, topics: ['study'], concerns: [], actions: [], followUps: [] };
  await school.api(DEMO.teacher, 'talks.record', {
    ...talk,
    childId: 'demo-child-02',
    date: today,
    childSaid: '想爸爸了。',
    familySummary: '子墨这个月作业按时完成。',
  } as never);
  const after = open(DEMO.guardian, 'home', { childId: 'demo-child-02' });
  await waitForText(after, '子墨这个月作业按时完成。');
  expect(partText(after, '.talk')).toContain('班主任');
  expect(textOf(after)).not.toContain('想爸爸了');
}, 20000);

test('a parent writes to the teacher under a post; the teacher answers in that thread', async () => {
  const { postId } = await school.api(DEMO.teacher, 'posts.create', { childId: CHILD, tag: 'study', text: '今天学了新的古诗', photos: [] });
  const page = open(DEMO.parent, 'post', { id: postId, childId: CHILD });
  await waitForText(page, '今天学了新的古诗');
  expect(textOf(page)).toContain('您的留言只有老师能看到');
  const textarea = page.querySelector('.draft');
  (textarea?.instance as unknown as { triggerEvent(n: string, d: unknown): void }).triggerEvent('change', { value: '谢谢老师，孩子背给我听了' });
  await waitFor(page, () => page.data.draft === '谢谢老师，孩子背给我听了', 'the draft');
  tap(page, '.send >>> .t-button');
  await waitForText(page, '已发给老师');
  const teacherPage = open(DEMO.teacher, 'post', { id: postId, childId: CHILD });
  await waitForText(page, '谢谢老师，孩子背给我听了');
  await waitForText(teacherPage, '谢谢老师，孩子背给我听了');
  expect(partText(teacherPage, '.threads')).toContain('林小禾的家长');
  expect(partText(teacherPage, '.threads')).toContain('待回复');
}, 20000);

test('the composer uploads a picked photo through the local transport and the family sees it', async () => {
  const bytes = demoPhoto(1);
  const w = wx as unknown as Record<string, unknown>;
  w.chooseMedia = (o: { success: (r: unknown) => void }) =>
    o.success({ tempFiles: [{ tempFilePath: 'wxfile://tmp_1.png', size: bytes.length, fileType: 'image' }] });
  w.getFileSystemManager = () => ({ readFileSync: () => bytes.toString('base64') });
  const redirect = jest.fn();
  w.redirectTo = redirect;
  w.showToast = jest.fn();
  const page = open(DEMO.teacher, 'compose', { classId: 'demo-class-3-1' });
  await waitForText(page, '发给全班家长');
  pickRadio(page, '.child-picker', '林小禾');
  await waitFor(page, () => page.data.childId === CHILD, 'the child');
  pickRadio(page, '.tags', '活动');
  await waitFor(page, () => page.data.tag === 'activity', 'the tag');
  (page.querySelector('.text')?.instance as unknown as { triggerEvent(n: string, d: unknown): void }).triggerEvent('change', {
    value: '小禾在手工课上做了风筝',
  });
  tap(page, '.photo--add');
  await waitFor(page, () => page.data.photos.length === 1, 'the picked photo');
  tap(page, '.send >>> .t-button');
  await waitFor(page, () => redirect.mock.calls.length === 1, 'the post page');
  const postId = new URLSearchParams(String(redirect.mock.calls[0][0].url).split('?')[1]).get('id')!;
  const home = await school.api(DEMO.parent, 'parent.home', {});
  const post = home.posts.find((p) => p.id === postId)!;
  expect(post.text).toBe('小禾在手工课上做了风筝');
  expect(post.photos).toHaveLength(1);
}, 20000);

test("a parent's change to their phone waits for the class teacher, who confirms it", async () => {
  const page = open(DEMO.parent, 'contact', { childId: CHILD });
  await waitForText(page, '哪一栏是您');
  pickRadio(page, '.entry', '母亲');
  await waitFor(page, () => page.data.entry === '1', 'the mother’s entry');
  typeInto(page, '.field--phone', '13911113333');
  tap(page, '.submit >>> .t-button');
  await waitForText(page, '已发给班主任');
  const teacher = open(DEMO.teacher, 'contact-changes');
  await waitForText(teacher, '13911113333');
  expect(textOf(teacher)).toContain('待确认');
  tap(teacher, '.accept >>> .t-button');
  await waitForText(teacher, '联系卡已更新');
  const card = await school.api(DEMO.teacher, 'children.get', { childId: CHILD });
  expect(card.contactCard?.parents[1].phone).toBe('13911113333');
}, 20000);

test('photo consent: the notice in plain words, and the family changes its mind', async () => {
  const page = open(DEMO.guardian, 'photo-consent', { childId: 'demo-child-02' });
  await waitForText(page, '班级动态中孩子照片和名字的使用说明');
  expect(textOf(page)).toContain('您已同意');
  tap(page, '.refuse >>> .t-button');
  await waitForText(page, '您没有同意');
  const composer = await school.api(DEMO.teacher, 'posts.composer', { classId: 'demo-class-3-1' });
  expect(composer.children.find((c) => c.childId === 'demo-child-02')?.photoConsent).toBe('refused');
}, 20000);

test('an invite shows as a mini-program code with the code under it; the bind page fills the code in from the scene', async () => {
  const invite = await school.api(DEMO.teacher, 'invites.create', { role: 'parent', childId: 'demo-child-03', relation: '妈妈' });
  const page = open(DEMO.teacher, 'join-code', { inviteId: invite.id, code: invite.code, label: invite.label });
  await waitForText(page, `邀请码 ${invite.code}`);
  expect(page.data.image).toMatch(/^data:image\/png;base64,iVBOR/);
  const bind = openPage(school.phone('new-parent'), 'pages/bind', { scene: encodeURIComponent(invite.scene) });
  await waitFor(bind, () => String(bind.data.code).replace('-', '') === invite.code.replace('-', ''), 'the code from the scene');
}, 30000);
