/**
 * The plan pages of the talk area under miniprogram-simulate against the real emulator: an individual education plan
 * made from a talk's concern, reviewed and closed; the term help plan with a record; the end-of-term summary edited
 * from its draft and signed; a symposium picked from the care network; the urgent alert's mandatory-report steps.
 * The pages run on the real clock: days are counted from today (Beijing).
 */
import { beijingDate } from '../../cloudfunctions/core/time';
import { addDays } from '../../cloudfunctions/core/familyCalls/clock';
import { waitFor, waitForFirstScreen, waitForText, type Rendered } from './helpers/render';
import { openPage, partText, tapButton, tapText, typeInto } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import type { TalkInput } from '../../typings/actions/talks';

jest.setTimeout(30000);

const today = () => beijingDate(new Date());
const day = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;
let alertId = '';

const school = useDemoSchool(async () => {
  // A term around today in the school calendar, and a talk that found 学习严重滑坡 for 周子墨.
  await school.api('demo-admin', 'calendar.save', {
    schoolId: 'demo-school',
    expectedVersion: 0,
    terms: [{ name: '本学期', start: addDays(today(), -60), end: addDays(today(), 60) }],
    holidays: [],
    makeUpDays: [],
  });
  const card: Omit<TalkInput, 'childId' | 'date' | 'concerns'> = {
    place: '关爱室',
    talkerRole: 'class_teacher',
    mood: 2,
    topics: ['study'],
    childSaid: '不想写作业',
    actions: [],
    followUps: [],
  };
  await school.api('demo-teacher', 'talks.record', {
    ...card,
    childId: 'demo-child-02',
    date: addDays(today(), -2),
    concerns: ['study_decline'],
    concernNote: '数学 52 分',
  });
  const harm = await school.api('demo-teacher', 'talks.record', {
    ...card,
    childId: 'demo-child-03',
    date: today(),
    concerns: ['no_care'],
    concernNote: '父母外出后无人照料',
  });
  alertId = harm.alertId!;
  await school.db().collection('bindings').add({
    openid: 'teacher-3-1-art',
    role: 'teacher',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: null,
    communityId: null,
    label: '三年级(1)班 美术老师',
    createdAt: new Date(),
    revokedAt: null,
  });
});

beforeEach(() => {
  const w = wx as unknown as Record<string, unknown>;
  w.navigateTo = () => undefined;
  w.setNavigationBarTitle = () => undefined;
  w.pageScrollTo = () => undefined;
});

const as = (openid: string, name: string, query: Record<string, string>) => openPage(school.phone(openid), name, query);

function pickDate(page: Rendered, cls: string, date: string) {
  const picker = page.querySelector(cls);
  if (!picker) throw new Error(`no picker ${cls}`);
  picker.dispatchEvent('change', { detail: { value: date } });
}

test('an individual plan: the reason a talk found comes chosen; checks in place; saved, reviewed and closed with a reason', async () => {
  const page = as('demo-teacher', 'areas/talks/pages/plan', { childId: 'demo-child-02' });
  await waitForText(page, '周子墨 · 个别教育管理方案');
  expect(page.data.form).toMatchObject({ reasons: ['study_decline'] });
  tapButton(page, '.create');
  await waitForText(page, '还有内容没有填好');
  expect(partText(page, '.goals-error')).toBe('请写下教育目标');
  expect(partText(page, '.measures-error')).toBe('请至少选择一项措施');
  typeInto(page, '.f-reason-note', '期中数学从 85 分降到 52 分');
  typeInto(page, '.f-goals', '一个月内按时交作业');
  tapText(page, '.f-measures >>> .chip', '辅导');
  await waitFor(page, () => !!page.querySelector('.f-measure--tutoring'), 'the measure field');
  typeInto(page, '.f-measure--tutoring', '每周二、四午间数学辅导');
  typeInto(page, '.f-responsible', '演示·班主任');
  tapButton(page, '.create');
  await waitForText(page, '方案已保存');
  expect(partText(page, '.plan-head')).toContain('进行中');
  expect(partText(page, '.plan-body')).toContain('辅导：每周二、四午间数学辅导');
  expect(partText(page, '.plan-body')).toContain(day(addDays(today(), 28)));

  tapButton(page, '.review-save');
  await waitForText(page, '请选择复查结果');
  tapText(page, '.r-outcome >>> .chip', '有进步');
  typeInto(page, '.r-note', '作业按时交了');
  tapButton(page, '.review-save');
  await waitForText(page, '复查已记录');
  expect(partText(page, '.reviews')).toContain('有进步');
  expect(partText(page, '.reviews')).toContain('作业按时交了');

  tapButton(page, '.close-plan');
  await waitForText(page, '结束方案需要写明原因');
  typeInto(page, '.c-reason', '成绩恢复到 78 分');
  tapButton(page, '.close-plan');
  await waitForText(page, '方案已结束');
  expect(partText(page, '.closed')).toContain('结束：成绩恢复到 78 分');
  expect(page.querySelector('.review-form')).toBeFalsy();
});

test('the term help plan: written, then a record; the summary drafted from the records, edited and signed', async () => {
  const page = as('demo-teacher', 'areas/talks/pages/help-plan', { childId: 'demo-child-02' });
  await waitForText(page, '制定帮扶计划');
  expect(partText(page, '.term')).toContain('本学期');
  tapButton(page, '.save-plan');
  await waitForText(page, '请填写帮扶目标');
  typeInto(page, '.f-goals', '数学成绩提高到 80 分');
  typeInto(page, '.f-schedule', '每周二、四午间');
  typeInto(page, '.f-content', '错题订正');
  typeInto(page, '.f-expected', '期末 80 分');
  tapText(page, '.f-buddy >>> .chip', '林小禾');
  tapText(page, '.f-subjects >>> .chip', '数学');
  tapButton(page, '.save-plan');
  await waitForText(page, '帮扶计划已保存');
  expect(partText(page, '.plan-body')).toContain('林小禾 · 数学');
  typeInto(page, '.r-text', '午间订正错题 12 道');
  tapButton(page, '.add-record');
  await waitFor(page, () => partText(page, '.records').includes('午间订正错题 12 道'), 'the record');

  const planId = page.data.screen ? (page.data.screen as { plan: { id: string } }).plan.id : '';
  const summary = as('demo-teacher', 'areas/talks/pages/summary', { planId });
  await waitForFirstScreen(summary);
  expect(partText(summary, '.sources')).toContain('谈心 1 次');
  expect(partText(summary, '.sources')).toContain('帮扶记录 1 条');
  const draft = String(summary.data.text);
  expect(draft).toContain('一、谈心：本学期谈心 1 次');
  expect(draft).toContain('五、平时帮扶记录：共 1 条');
  tapButton(summary, '.sign');
  await waitForText(summary, '请先填写“本学期的效果”');
  typeInto(summary, '.summary-text', draft.replace('（请老师填写）', '期末数学 81 分。'));
  tapButton(summary, '.sign');
  await waitForText(summary, '期末总结已保存并签字');
  expect(partText(summary, '.signed')).toContain('已于');
});

test('a symposium: attendance picked from the care network, minutes and decisions', async () => {
  const page = as('demo-teacher', 'areas/talks/pages/symposium', {});
  await waitForText(page, '三年级(1)班 · 座谈会');
  tapButton(page, '.open-form');
  await waitFor(page, () => !!page.querySelector('.symposium-form'), 'the form');
  typeInto(page, '.f-topic', '开学座谈');
  tapText(page, '.f-pick--child >>> .chip', '林小禾');
  tapText(page, '.f-pick--child >>> .chip', '周子墨');
  tapText(page, '.f-pick--teacher >>> .chip', '演示·班主任');
  tapButton(page, '.save');
  await waitForText(page, '请填写会议纪要');
  typeInto(page, '.f-minutes', '孩子们说了开学的心情');
  typeInto(page, '.f-decisions', '每周三午间作业辅导\n每月一次座谈');
  tapButton(page, '.save');
  await waitForText(page, '座谈会已记录');
  expect(partText(page, '.held')).toContain('开学座谈');
  expect(partText(page, '.held')).toContain('教师 1 人、留守儿童 2 人');
  expect(partText(page, '.held')).toContain('· 每月一次座谈');
});

test('the urgent alert: the admin records the report to the police; the class teacher (who stands in for a mentor) sees it, another teacher of the class is refused', async () => {
  const page = as('demo-admin', 'areas/talks/pages/alert', { alertId });
  await waitForText(page, '陈一诺');
  expect(partText(page, '.alert-message')).toContain('无人照料');
  expect(partText(page, '.not-reported')).toContain('应立即向公安机关报告');
  typeInto(page, '.f-actor', '王校长');
  tapButton(page, '.add-step');
  await waitForText(page, '请选择向哪个部门报告');
  tapText(page, '.f-agency >>> .chip', '公安机关');
  typeInto(page, '.f-agency-name', '青山派出所');
  typeInto(page, '.f-case', 'QS001');
  const now = new Date(Date.now() + 8 * 3600000);
  page.querySelector('.f-time')!.dispatchEvent('change', { detail: { value: `${String(now.getUTCHours()).padStart(2, '0')}:00` } });
  pickDate(page, '.f-date', today());
  tapButton(page, '.add-step');
  await waitForText(page, '已记录');
  expect(partText(page, '.steps')).toContain('报告：公安机关（青山派出所）');
  expect(partText(page, '.steps')).toContain('王校长 · 编号 QS001');
  expect(page.querySelector('.not-reported')).toBeFalsy();

  const mentor = as('demo-teacher', 'areas/talks/pages/alert', { alertId });
  await waitForText(mentor, '报告：公安机关（青山派出所）');
  const refused = as('teacher-3-1-art', 'areas/talks/pages/alert', { alertId });
  await waitFor(refused, () => refused.data.state !== 'loading', 'the first screen');
  expect(refused.data.state).toBe('forbidden');
  expect(partText(refused, '.screen')).toContain('该预警仅管理员和孩子的帮扶教师可以查看');
});
