/**
 * Birthday pages (areas/birthdays) under miniprogram-simulate with real TDesign components, against the real emulator
 * (demo school seeded) through the real local transport: the student's home and the card composer, the child's wall
 * for the family, the class corner, the teacher's birthday list and moderation queue, and the home tiles that lead
 * there. The pages run on the real clock: 林小禾's birthday is put on today (always this week and this month), 陈一诺's
 * three weeks ahead. The tests run in order, as one story: the card the student sends is the one the family and the
 * teacher then read.
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import { addDays } from '../../cloudfunctions/core/familyCalls/clock';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { textOf, waitFor, waitForFirstScreen, waitForText } from './helpers/render';
import { openPage, partText, tapButton, tapText, typeInto } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import { recordActions } from './helpers/wx';

jest.setTimeout(30000);

const inDays = (n: number) => addDays(beijingDate(new Date()), n);
/** A birth date (in a leap year, so 2月29日 exists) with the month and day of `day`. */
const bornOn = (day: string) => `2016-${day.slice(5)}`;
const CLASSMATE = 'student-yinuo';

const school = useDemoSchool(async () => {
  const db = school.db();
  await db
    .collection('children')
    .doc('demo-child-01')
    .update({ birthDate: bornOn(inDays(0)), lunarBirthday: null });
  await db
    .collection('children')
    .doc('demo-child-03')
    .update({ birthDate: bornOn(inDays(21)), lunarBirthday: null });
  for (const childId of ['demo-child-01', 'demo-child-03'])
    await school.api('demo-teacher', 'consent.record', {
      childId,
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      signerName: '家长',
      signerRelation: '母亲',
    });
  await school.api('demo-teacher', 'care.pair', { childId: 'demo-child-01', kind: 'buddy', buddyChildId: 'demo-child-04' });
  await db.collection('bindings').add({
    openid: CLASSMATE,
    role: 'student',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: 'demo-child-03',
    communityId: null,
    label: '三年级(1)班 陈一诺',
    createdAt: new Date(),
    revokedAt: null,
  });
});

/** Tap a TDesign cell by its class: a cell is a virtual host, so its own tap handler runs, as a finger's tap does. */
function tapCell(page: ReturnType<typeof openPage>, cls: string): void {
  const cell = page.querySelector(cls)?.instance as unknown as { onClick(e: { detail: object }): void } | undefined;
  if (!cell) throw new Error(`no cell ${cls}`);
  cell.onClick({ detail: {} });
}

const SURNAMES_OF_OTHERS = ['林小禾', '陈一诺', '周子墨', '吴星辰'];

describe('the student', () => {
  test('home in one call: my buddy, who has a birthday soon, my cards, the corner — given names only', async () => {
    const page = openPage(school.phone('demo-student'), 'areas/birthdays/pages/student');
    await waitForText(page, '星辰，你好');
    expect(partText(page, '.buddies')).toContain('小禾');
    expect(partText(page, '.buddies')).toContain('（今天）过生日');
    expect(partText(page, '.upcoming')).toContain('好朋友');
    expect(partText(page, '.upcoming')).toContain('写贺卡');
    // 陈一诺's birthday is three weeks away: in the list, not yet to write
    expect(partText(page, '.upcoming')).toContain('一诺');
    expect(partText(page, '.upcoming')).toContain('生日前一周可写');
    for (const full of SURNAMES_OF_OTHERS) expect(textOf(page)).not.toContain(full);
    expect(textOf(page)).not.toMatch(/2016|农历|留守/);

    const { sent } = recordActions();
    await (page.instance as unknown as { load(): Promise<void> }).load();
    expect(sent).toEqual(['birthdays.home']);

    const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
    tapText(page, '.compose', '写贺卡');
    await waitFor(page, () => navigate.mock.calls.length > 0, 'the tap on 写贺卡');
    expect(navigate).toHaveBeenCalledWith({ url: '/areas/birthdays/pages/compose/index?childId=demo-child-01' });
  });

  test('asks to be reminded of every classmate’s birthday with the switch', async () => {
    const page = openPage(school.phone('demo-student'), 'areas/birthdays/pages/student');
    await waitForText(page, '同学过生日前一天提醒我');
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
    (page.querySelector('.opt-in__switch')!.instance as unknown as { handleSwitch(): void }).handleSwitch();
    await waitFor(page, () => toast.mock.calls.length > 0, 'the toast');
    expect(toast).toHaveBeenCalledWith({ title: '同学过生日前一天会提醒你', icon: 'none' });
    expect((await school.api('demo-student', 'birthdays.home', {})).optIn).toBe(true);
  });

  test('writes a card: picks a design, an emoji-only text is refused with the server’s words, kind words are sent', async () => {
    const page = openPage(school.phone('demo-student'), 'areas/birthdays/pages/compose', { childId: 'demo-child-01' });
    await waitForText(page, '给 小禾 的生日贺卡');
    expect(textOf(page)).toContain('—— 星辰同学');
    page.querySelector('.designs >>> .design--rainbow')!.dispatchEvent('tap');
    await waitFor(page, () => page.data.design === 'rainbow', 'the rainbow design');

    typeInto(page, '.f-text', '🎂🎂🎂');
    tapButton(page, '.send');
    await waitForText(page, '祝福的话不能只有表情或符号，请写几个字');

    typeInto(page, '.f-text', '小禾，生日快乐！');
    await waitFor(page, () => page.data.text === '小禾，生日快乐！', 'the typed words');
    tapText(page, '.starter', '我们永远是好朋友！');
    await waitFor(page, () => partText(page, '.preview').includes('小禾，生日快乐！我们永远是好朋友！'), 'the words on the preview');
    tapButton(page, '.send');
    await waitForText(page, '贺卡已送给小禾');
    const cards = (await school.db().collection('wishes').where({ childId: 'demo-child-01' }).get()).data as { text: string; design: string }[];
    expect(cards).toEqual([expect.objectContaining({ text: '小禾，生日快乐！我们永远是好朋友！', design: 'rainbow' })]);

    const again = openPage(school.phone('demo-student'), 'areas/birthdays/pages/compose', { childId: 'demo-child-01' });
    await waitForText(again, '你已经给小禾送过生日贺卡了');
    expect(again.querySelector('.send')).toBeFalsy();

    const early = openPage(school.phone('demo-student'), 'areas/birthdays/pages/compose', { childId: 'demo-child-03' });
    await waitForText(early, '现在不是一诺的生日：生日前一周到生日后三天可以送贺卡');
    expect(early.querySelector('.send')).toBeFalsy();
    expect(textOf(early)).not.toContain('陈一诺');
  });

  test('cannot open another child’s wall: the forbidden state, nothing of the cards', async () => {
    const page = openPage(school.phone(CLASSMATE), 'areas/birthdays/pages/wall', { childId: 'demo-child-01' });
    await waitForFirstScreen(page);
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).toContain('只有过生日的同学本人和家人能看贺卡墙');
    expect(textOf(page)).not.toContain('生日快乐');
  });

  test('posts a declaration to the class corner; the family reads it there, without a form to post', async () => {
    const page = openPage(school.phone('demo-student'), 'areas/birthdays/pages/corner', { classId: 'demo-class-3-1' });
    await waitForText(page, '三年级(1)班 爱心天地');
    typeInto(page, '.f-title', '我的爱心宣言');
    typeInto(page, '.f-text', '做同学的好朋友，一起长大。');
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
    tapButton(page, '.post-button');
    await waitFor(page, () => page.querySelectorAll('.work').length === 1, 'the work on the board');
    expect(toast).toHaveBeenCalledWith({ title: '作品已贴到爱心天地', icon: 'none' });

    const family = openPage(school.phone('demo-parent'), 'areas/birthdays/pages/corner', { childId: 'demo-child-01' });
    await waitForText(family, '做同学的好朋友，一起长大。');
    expect(textOf(family)).toContain('星辰同学');
    expect(family.querySelector('.post')).toBeFalsy();
  });
});

describe('the family', () => {
  test('sees 孩子收到了 N 张生日贺卡 and the cards, and may keep the birthday from classmates', async () => {
    const page = openPage(school.phone('demo-parent'), 'areas/birthdays/pages/wall', { childId: 'demo-child-01' });
    await waitForText(page, '林小禾收到的生日贺卡');
    expect(partText(page, '.summary')).toBe('孩子收到了 1 张生日贺卡');
    expect(textOf(page)).toContain('小禾，生日快乐！我们永远是好朋友！');
    expect(textOf(page)).toContain('—— 星辰同学');
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
    (page.querySelector('.classmates')!.instance as unknown as { handleSwitch(): void }).handleSwitch();
    await waitFor(page, () => toast.mock.calls.length > 0, 'the toast');
    expect((await school.api('demo-parent', 'wishes.wall', { childId: 'demo-child-01' })).classmates).toBe(false);
    await school.api('demo-parent', 'birthdays.family', { childId: 'demo-child-01', classmates: true });
  });
});

describe('the teacher', () => {
  test('the class’s birthdays of the week, who is reminded and the cards; a row opens the wall', async () => {
    const page = openPage(school.phone('demo-teacher'), 'areas/birthdays/pages/teacher', { classId: 'demo-class-3-1' });
    await waitForText(page, '三年级(1)班 生日与贺卡');
    const week = partText(page, '.rows');
    expect(week).toContain('林小禾');
    expect(week).toContain('今天');
    expect(week).toContain('提醒同学和好朋友');
    expect(week).toContain('贺卡 1 张');
    tapText(page, '.tab--month', '本月');
    await waitFor(page, () => page.data.tab === 'month', 'the month');
    expect(partText(page, '.rows')).toContain('林小禾');
    const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
    expect(textOf(page)).toContain('导出手拉手好朋友结对子登记卡（1 对）');
    tapCell(page, '.to-queue');
    await waitFor(page, () => navigate.mock.calls.length > 0, 'the tap on 贺卡与作品审核');
    expect(navigate).toHaveBeenCalledWith({ url: '/areas/birthdays/pages/queue/index?classId=demo-class-3-1' });
    tapCell(page, '.row');
    await waitFor(page, () => navigate.mock.calls.length > 1, 'the tap on a row');
    expect(navigate).toHaveBeenLastCalledWith({ url: '/areas/birthdays/pages/wall/index?childId=demo-child-01' });
  });

  test('on the child’s wall the teacher reads the cards and may write one, shown at once', async () => {
    const page = openPage(school.phone('demo-teacher'), 'areas/birthdays/pages/wall', { childId: 'demo-child-01' });
    await waitForText(page, '小禾，生日快乐！我们永远是好朋友！');
    expect(page.querySelector('.family')).toBeFalsy();
    const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
    tapCell(page, '.to-compose');
    await waitFor(page, () => navigate.mock.calls.length > 0, 'the tap on 给孩子写一张贺卡');
    expect(navigate).toHaveBeenCalledWith({ url: '/areas/birthdays/pages/compose/index?childId=demo-child-01' });

    await school.api('demo-teacher', 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: true });
    const compose = openPage(school.phone('demo-teacher'), 'areas/birthdays/pages/compose', { childId: 'demo-child-01' });
    await waitForText(compose, '给 林小禾 的生日贺卡');
    // the class's rule holds students' cards, not the teacher's own
    expect(textOf(compose)).not.toContain('老师会先看一看');
    typeInto(compose, '.f-text', '小禾，老师祝你生日快乐！');
    await waitFor(compose, () => compose.data.text === '小禾，老师祝你生日快乐！', 'the typed words');
    tapButton(compose, '.send');
    await waitFor(compose, () => compose.data.state === 'sent', 'the card sent');
    await school.api('demo-teacher', 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: false });
    const wall = await school.api('demo-parent', 'wishes.wall', { childId: 'demo-child-01' });
    expect(JSON.stringify(wall)).toContain('小禾，老师祝你生日快乐！');
    expect(wall.count).toBe(2);
  });

  test('the queue: a student’s card waits when the teacher sees every card first; approved, it is on the wall', async () => {
    await school.api('demo-teacher', 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: true });
    await school.api(CLASSMATE, 'wishes.send', { childId: 'demo-child-01', design: 'gift', text: '小禾生日快乐，送你一个小礼物！' });
    const page = openPage(school.phone('demo-teacher'), 'areas/birthdays/pages/queue', { classId: 'demo-class-3-1' });
    await waitForText(page, '小禾生日快乐，送你一个小礼物！');
    expect(textOf(page)).toContain('给 林小禾');
    expect(textOf(page)).toContain('一诺同学');
    const toast = jest.spyOn(wx, 'showToast').mockImplementation(() => undefined as never);
    tapText(page, '.approve', '通过');
    await waitForText(page, '没有等待审核的贺卡');
    expect(toast).toHaveBeenCalledWith({ title: '已通过', icon: 'none' });
    expect((await school.api('demo-parent', 'wishes.wall', { childId: 'demo-child-01' })).count).toBe(3);
    await school.api('demo-teacher', 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: false });
  });
});

describe('home tiles', () => {
  const tileUrl = async (openid: string, title: string, description?: string) => {
    const page = openPage(school.phone(openid), 'pages/home');
    await waitForText(page, '我的身份');
    const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
    const tile = page
      .querySelectorAll('.section >>> .t-grid-item')
      .find((n) => (n.dom as HTMLElement).textContent!.includes(title) && (!description || (n.dom as HTMLElement).textContent!.includes(description)));
    if (!tile) throw new Error(`no tile ${title}`);
    tile.dispatchEvent('tap');
    await waitFor(page, () => navigate.mock.calls.length > 0, `the tap on ${title}`);
    const url = (navigate.mock.calls[0][0] as { url: string }).url;
    navigate.mockRestore();
    return url;
  };

  test('the student home is real: 生日祝福 and the class’s 爱心天地; teachers and families find theirs', async () => {
    expect(await tileUrl('demo-student', '生日祝福')).toBe('/areas/birthdays/pages/student/index');
    expect(await tileUrl('demo-student', '爱心天地')).toBe('/areas/birthdays/pages/corner/index?classId=demo-class-3-1');
    expect(await tileUrl('demo-teacher', '生日与贺卡')).toBe('/areas/birthdays/pages/teacher/index?classId=demo-class-3-1');
    expect(await tileUrl('demo-parent', '生日贺卡', '林小禾')).toBe('/areas/birthdays/pages/wall/index?childId=demo-child-01');
    expect(await tileUrl('demo-guardian', '生日贺卡', '周子墨')).toBe('/areas/birthdays/pages/wall/index?childId=demo-child-02');
  });
});
