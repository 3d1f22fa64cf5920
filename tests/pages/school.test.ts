/**
 * 学校设置 (pages/school) under miniprogram-simulate with real TDesign components, against the real emulator (demo
 * school seeded) through the real local transport. What the admin adds is read back with classes.list and
 * communities.list; the server's Chinese errors are what the page shows, and a refused input writes nothing.
 */
import { textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { nodeText, openPage, partText, pickRadio, tapButton, tapText, typeInto, withText } from './helpers/phone';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';
const school = useDemoSchool();

const admin = () => school.phone('demo-admin');
const classes = async () => (await school.api('demo-admin', 'classes.list', { schoolId: SCHOOL })).classes;
const communities = async () => (await school.api('demo-admin', 'communities.list', { schoolId: SCHOOL })).communities;

/** The text of the class row showing this name (in the open classes, or the closed ones). */
const classRow = (page: Rendered, name: string, selector = '.class-row') => nodeText(withText(page, selector, name)[0]);
const dialogOpen = (page: Rendered) => (page.instance.data as { confirm: { visible: boolean } }).confirm.visible;

test('the admin sees the classes and communities, adds a community and a class in it; both list', async () => {
  const page = openPage(admin(), 'areas/school/pages/setup', { schoolId: SCHOOL });
  await waitForText(page, '三年级(1)班');
  expect(partText(page, '.classes')).toContain('班级（3）');
  expect(classRow(page, '三年级(1)班')).toContain('三年级 · 社区/村：青山村');
  expect(classRow(page, '五年级(1)班')).toContain('社区/村：河西村');
  expect(partText(page, '.communities')).toContain('青山村');
  expect(partText(page, '.communities')).toContain('河西村');
  expect(page.querySelector('.archived')).toBeFalsy();

  tapButton(page, '.community-open');
  await waitFor(page, () => !!page.querySelector('.f-community-name'), 'the community form');
  typeInto(page, '.f-community-name', '河东村');
  tapButton(page, '.community-save');
  await waitForText(page, '已添加社区/村：河东村');
  expect(partText(page, '.communities')).toContain('社区/村（3）');
  expect(partText(page, '.communities')).toContain('河东村');
  const hedong = (await communities()).find((c) => c.name === '河东村');
  expect(hedong).toBeTruthy();

  tapButton(page, '.class-open');
  await waitFor(page, () => !!page.querySelector('.f-grade'), 'the class form');
  typeInto(page, '.f-grade', '4');
  typeInto(page, '.f-class-name', '四年级(1)班');
  pickRadio(page, '.f-community', '河东村');
  tapButton(page, '.class-save');
  await waitForText(page, '已添加班级：四年级(1)班');
  expect(page.querySelector('.class-form')).toBeFalsy();
  expect(partText(page, '.classes')).toContain('班级（4）');
  expect(classRow(page, '四年级(1)班')).toContain('四年级 · 社区/村：河东村');

  expect((await classes()).find((c) => c.name === '四年级(1)班')).toMatchObject({ grade: 4, communityId: hedong!.id, archived: false });

  // opened again, the lists come from the server
  const again = openPage(admin(), 'areas/school/pages/setup', { schoolId: SCHOOL });
  await waitForText(again, '四年级(1)班');
  expect(classRow(again, '四年级(1)班')).toContain('社区/村：河东村');
  expect(partText(again, '.communities')).toContain('河东村');
});

test('a grade outside 1–9, a same-named class or community shows the server’s Chinese error and writes nothing', async () => {
  const beforeClasses = await classes();
  const beforeCommunities = await communities();
  // without ?schoolId= the page finds the admin's school itself
  const page = openPage(admin(), 'areas/school/pages/setup');
  await waitForText(page, '三年级(1)班');

  tapButton(page, '.class-open');
  await waitFor(page, () => !!page.querySelector('.f-grade'), 'the class form');
  typeInto(page, '.f-grade', '10');
  typeInto(page, '.f-class-name', '十年级(1)班');
  tapButton(page, '.class-save');
  await waitFor(page, () => partText(page, '.class-error') !== '', 'the error');
  expect(partText(page, '.class-error')).toBe('输入有误：年级为 1 到 9');
  expect(page.querySelector('.class-form')).toBeTruthy();
  expect(textOf(page)).not.toContain('已添加班级');

  typeInto(page, '.f-grade', '3');
  typeInto(page, '.f-class-name', '三年级(1)班');
  tapButton(page, '.class-save');
  await waitFor(page, () => partText(page, '.class-error').includes('已有同名班级'), 'the duplicate error');
  expect(partText(page, '.class-error')).toBe('已有同名班级：三年级(1)班');

  tapButton(page, '.community-open');
  await waitFor(page, () => !!page.querySelector('.f-community-name'), 'the community form');
  typeInto(page, '.f-community-name', '青山村');
  tapButton(page, '.community-save');
  await waitFor(page, () => partText(page, '.community-error') !== '', 'the community error');
  expect(partText(page, '.community-error')).toBe('已有同名社区：青山村');

  expect(await classes()).toEqual(beforeClasses);
  expect(await communities()).toEqual(beforeCommunities);
});

test('closing a class asks first (cancel keeps it); confirmed, its open invite stops working and it moves to 已撤销', async () => {
  const [fourth] = (await classes()).filter((c) => c.name === '四年级(1)班');
  const invite = await school.api('demo-admin', 'invites.create', {
    role: 'teacher',
    schoolId: SCHOOL,
    classId: fourth.id,
    title: 'head',
    label: '四年级(1)班 班主任',
  });

  const page = openPage(admin(), 'areas/school/pages/setup', { schoolId: SCHOOL });
  await waitForText(page, '四年级(1)班');
  tapText(page, '.class-row--' + fourth.id + ' .class-archive >>> .t-button', '撤销');
  await waitFor(page, () => dialogOpen(page), 'the confirm dialog');
  expect(textOf(page)).toContain('确定撤销“四年级(1)班”吗？');
  expect(textOf(page)).toContain('该班教师和学生的身份绑定、该班未使用的邀请码都将失效');

  page.querySelector('.confirm >>> .dialog-btn--cancel >>> .t-button')!.dispatchEvent('tap');
  await waitFor(page, () => !dialogOpen(page), 'the dialog to close');
  expect(classRow(page, '四年级(1)班')).toContain('撤销');
  expect((await classes()).find((c) => c.id === fourth.id)!.archived).toBe(false);

  tapText(page, '.class-row--' + fourth.id + ' .class-archive >>> .t-button', '撤销');
  await waitFor(page, () => dialogOpen(page), 'the confirm dialog again');
  page.querySelector('.confirm >>> .dialog-btn--ok >>> .t-button')!.dispatchEvent('tap');
  await waitForText(page, '已撤销“四年级(1)班”：0 个身份绑定、1 个未使用的邀请码已失效');
  expect(withText(page, '.class-row', '四年级(1)班')).toHaveLength(0);
  expect(classRow(page, '四年级(1)班', '.archived-row')).toContain('已撤销');
  expect(partText(page, '.classes')).toContain('班级（3）');

  expect((await classes()).find((c) => c.id === fourth.id)!.archived).toBe(true);
  await expect(school.api('would-be-teacher', 'invites.redeem', { code: invite.code })).rejects.toThrow('该邀请码已被撤销');
});

test('a teacher is refused: the page says only admins set up the school, also with the school in the url; an add is refused by the server', async () => {
  const before = await classes();
  const teacher = school.phone('demo-teacher');
  const page = openPage(teacher, 'areas/school/pages/setup');
  await waitForText(page, '只有管理员可以进行学校设置');
  expect(page.querySelector('.class-open')).toBeFalsy();
  expect(textOf(page)).not.toContain('三年级(1)班');

  // a school id in the url is no permission: the page is still refused
  const withSchool = openPage(teacher, 'areas/school/pages/setup', { schoolId: SCHOOL });
  await waitForText(withSchool, '只有管理员可以进行学校设置');
  expect(withSchool.data.state).toBe('forbidden');
  expect(withSchool.querySelector('.class-open')).toBeFalsy();
  expect(textOf(withSchool)).not.toContain('三年级(1)班');

  // and the server refuses an add all the same
  const answer = await school.answer('demo-teacher', 'classes.create', { schoolId: SCHOOL, grade: 6, name: '六年级(1)班' });
  expect(answer.ok).toBe(false);
  if (!answer.ok) expect(answer.error.message).toBe('您的身份无权进行此操作');
  expect(await classes()).toEqual(before);
});
