/**
 * The talk pages (areas/talks) under miniprogram-simulate with real TDesign components, against the real emulator
 * (demo school seeded) through the real local transport: the teacher's monthly round, the talk card form with its
 * checks in place and the card it saves, a child's talk file (talks, plans, diary and counselling), and the child
 * detail page's talk brief — staff see the latest talk, the family only the summary shared with them.
 * The pages run on the real clock: days are counted from today (Beijing).
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import { addDays } from '../../cloudfunctions/core/familyCalls/clock';
import { textOf, waitFor, waitForFirstScreen, waitForText } from './helpers/render';
import { openPage, partText, tapButton, tapText, typeInto, withText } from './helpers/phone';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const navigations: string[] = [];
const today = () => beijingDate(new Date());

const school = useDemoSchool();

beforeEach(() => {
  navigations.length = 0;
  const w = wx as unknown as Record<string, unknown>;
  w.navigateTo = (o: { url: string }) => navigations.push(o.url);
  w.redirectTo = (o: { url: string }) => navigations.push(`redirect:${o.url}`);
  w.navigateBack = () => navigations.push('back');
  w.setNavigationBarTitle = () => undefined;
  w.pageScrollTo = () => undefined;
});

const teacher = (name: string, query: Record<string, string> = {}) => openPage(school.phone('demo-teacher'), name, query);

describe('the monthly round', () => {
  test("opens on the teacher's own children in one call, each due this month, with a button to record", async () => {
    const page = teacher('areas/talks/pages/month');
    await waitForFirstScreen(page);
    expect(partText(page, '.head')).toContain('我的谈心');
    expect(partText(page, '.counts')).toContain('共 3 名留守儿童：已谈心 0，待谈心 3');
    expect(partText(page, '.children')).toContain('林小禾');
    expect(partText(page, '.children')).toContain('待谈心');
    expect(partText(page, '.children')).toContain('半年内没有谈心记录');
    expect(partText(page, '.children')).not.toContain('吴星辰'); // not left behind
    tapText(page, '.record-link', '记录谈心');
    await waitFor(page, () => navigations.length > 0, 'navigation');
    expect(navigations[0]).toMatch(/^\/areas\/talks\/pages\/card\/index\?childId=demo-child-0[123]$/);
  });

  test('a parent cannot open it', async () => {
    const page = openPage(school.phone('demo-parent'), 'areas/talks/pages/month');
    await waitForText(page, '无权');
    expect(page.data.state).toBe('forbidden');
  });
});

describe('the talk card', () => {
  test('checks in place, says what a concern sets going, saves, and shows the card with what it set going', async () => {
    const page = teacher('areas/talks/pages/card', { childId: 'demo-child-02' });
    await waitForText(page, '周子墨 · 谈心记录卡');
    expect(partText(page, '.f-date')).toContain(`${Number(today().slice(5, 7))}月${Number(today().slice(8))}日`);

    // Saving an empty card: every missing part says so, nothing is sent.
    tapButton(page, '.save');
    await waitForText(page, '还有内容没有填好');
    expect(partText(page, '.mood-error')).toBe('请选择孩子的情绪');
    expect(partText(page, '.topics-error')).toBe('请至少选择一项谈话内容');
    expect(partText(page, '.said-error')).toBe('请记下孩子说的话');

    tapText(page, '.f-mood >>> .chip', '有点低落');
    await waitFor(page, () => !partText(page, '.mood-error'), 'the mood error to go');
    tapText(page, '.f-topics >>> .chip', '学习');
    tapText(page, '.f-topics >>> .chip', '家庭');
    typeInto(page, '.f-said', '外婆腿疼，晚上没人检查作业，数学作业常常空着。');
    tapText(page, '.f-concerns >>> .chip', '学习严重滑坡');
    await waitForText(page, '需在');
    expect(partText(page, '.concern-hint')).toContain('前制定个别教育管理方案');
    tapButton(page, '.save');
    await waitFor(page, () => partText(page, '.concern-error') !== '', 'the concern note error');
    expect(partText(page, '.concern-error')).toBe('选了发现的问题，请简要说明情况');
    typeInto(page, '.f-concern-note', '期中数学 52 分，比上学期低 30 分');

    typeInto(page, '.f-actions >>> .action-text', '每天订正数学错题');
    typeInto(page, '.f-actions >>> .action-owner', '孩子');
    tapButton(page, '.f-actions >>> .add-action');
    await waitFor(page, () => partText(page, '.f-actions').includes('每天订正数学错题'), 'the action added');
    typeInto(page, '.f-summary', '孩子这周数学作业按时交了，请外婆多鼓励。');

    tapButton(page, '.save');
    await waitForText(page, '已保存周子墨');
    expect(partText(page, '.saved')).toContain('发现的问题需要个别教育管理方案：请在');
    expect(partText(page, '.saved')).toContain('小结已发给 1 位家长/监护人');
    expect(partText(page, '.card >>> .said')).toBe('外婆腿疼，晚上没人检查作业，数学作业常常空着。');
    expect(partText(page, '.card >>> .family-summary')).toBe('孩子这周数学作业按时交了，请外婆多鼓励。');
    tapButton(page, '.make-plan');
    await waitFor(page, () => navigations.length > 0, 'navigation');
    expect(navigations).toContain('/areas/talks/pages/plan/index?childId=demo-child-02');
  });

  test('a second card for the same child and day shows the server’s refusal, and the form keeps what was typed', async () => {
    const page = teacher('areas/talks/pages/card', { childId: 'demo-child-02' });
    await waitForText(page, '周子墨 · 谈心记录卡');
    tapText(page, '.f-mood >>> .chip', '平静');
    tapText(page, '.f-topics >>> .chip', '朋友');
    typeInto(page, '.f-said', '第二张');
    tapButton(page, '.save');
    await waitForText(page, '不能重复填写');
    expect(partText(page, '.save-error')).toContain(`您已填写过周子墨${Number(today().slice(5, 7))}月${Number(today().slice(8))}日的谈心记录卡`);
    expect(page.data.form).toMatchObject({ childSaid: '第二张' });
  });

  test("last month's open actions are followed up on the next card", async () => {
    const yesterday = addDays(today(), -1);
    await school.api('demo-teacher', 'talks.record', {
      childId: 'demo-child-03',
      date: yesterday,
      place: '教室',
      talkerRole: 'class_teacher',
      mood: 4,
      topics: ['friends'],
      childSaid: '和同桌吵架了',
      concerns: [],
      actions: [{ text: '和同桌道歉', owner: '孩子', dueDate: today() }],
      followUps: [],
    });
    const page = teacher('areas/talks/pages/card', { childId: 'demo-child-03' });
    await waitForText(page, '上次商定的事项');
    expect(partText(page, '.f-follow-ups')).toContain('和同桌道歉');
    tapText(page, '.f-follow-ups >>> .chip', '已完成');
    tapText(page, '.f-mood >>> .chip', '开心');
    tapText(page, '.f-topics >>> .chip', '朋友');
    typeInto(page, '.f-said', '已经和好了');
    tapButton(page, '.save');
    await waitForText(page, '已保存陈一诺');
    expect(partText(page, '.card >>> .follow-ups')).toContain('和同桌道歉：已完成');
  });
});

describe("a child's talk file", () => {
  test('shows the talks, the plan due, and saves a diary entry and a counselling note from its forms', async () => {
    const page = teacher('areas/talks/pages/child', { childId: 'demo-child-02' });
    await waitForFirstScreen(page);
    expect(partText(page, '.month-status')).toMatch(/^\d+月已谈心$/);
    expect(partText(page, '.plan-due')).toContain('学习严重滑坡：需在');
    expect(partText(page, '.talk-list')).toContain('演示·班主任（班主任）');
    tapText(page, '.talk', '演示·班主任');
    await waitFor(page, () => navigations.length > 0, 'navigation');
    expect(navigations[0]).toMatch(/^\/areas\/talks\/pages\/card\/index\?talkId=talk_demo-child-02_/);

    tapText(page, '.tab', '日记与辅导');
    await waitForText(page, '写成长日记');
    typeInto(page, '.note-form >>> .note-text', '今天主动帮同学擦黑板');
    tapButton(page, '.note-form >>> .note-save');
    await waitFor(page, () => partText(page, '.diary').includes('今天主动帮同学擦黑板'), 'the diary entry');

    tapText(page, '.tab', '记心理辅导');
    await waitForText(page, '辅导老师');
    typeInto(page, '.note-form >>> .note-text', '谈到想妈妈时哭了，陪他画了一幅画');
    tapButton(page, '.note-form >>> .note-save');
    await waitForText(page, '请选择辅导的问题');
    tapText(page, '.note-form >>> .note-focus >>> .chip', '情绪/心理困扰');
    tapButton(page, '.note-form >>> .note-save');
    await waitFor(page, () => partText(page, '.counselling').includes('陪他画了一幅画'), 'the counselling note');
    expect(partText(page, '.counselling')).toContain('（班主任）· 情绪/心理困扰');
  });

  test('another class’s teacher is refused', async () => {
    await school.db().collection('bindings').add({
      openid: 'teacher-5-1',
      role: 'teacher',
      schoolId: 'demo-school',
      classId: 'demo-class-5-1',
      childId: null,
      communityId: null,
      label: '五年级(1)班 班主任',
      createdAt: new Date(),
      revokedAt: null,
    });
    const page = openPage(school.phone('teacher-5-1'), 'areas/talks/pages/child', { childId: 'demo-child-02' });
    await waitFor(page, () => page.data.state !== 'loading', 'the first screen');
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).not.toContain('周子墨');
  });
});

describe('the child detail page', () => {
  test('staff see the latest talk and the plan due; the tap opens the talk file', async () => {
    const page = teacher('areas/archive/pages/child', { childId: 'demo-child-02' });
    await waitForText(page, '谈心与帮扶');
    const brief = partText(page, '.talk-brief');
    expect(brief).toContain('本月已谈心');
    expect(brief).toContain('最近谈心：');
    expect(brief).toContain('需在');
    page.querySelector('.talk-brief >>> .talk-brief--staff')!.dispatchEvent('tap');
    await waitFor(page, () => navigations.length > 0, 'navigation');
    expect(navigations).toContain('/areas/talks/pages/child/index?childId=demo-child-02');
  });

  test('the guardian sees the summary shared with her, and nothing else of the talk', async () => {
    const page = openPage(school.phone('demo-guardian'), 'areas/archive/pages/child', { childId: 'demo-child-02' });
    await waitForText(page, '老师的谈心小结');
    expect(partText(page, '.talk-brief')).toContain('孩子这周数学作业按时交了，请外婆多鼓励。');
    const text = textOf(page);
    for (const internal of ['外婆腿疼', '学习严重滑坡', '期中数学 52 分', '每天订正数学错题', '个别教育管理方案']) expect(text).not.toContain(internal);
    expect(withText(page, '.talk-brief >>> .talk-brief__go', '谈心记录')).toHaveLength(0);
  });
});
