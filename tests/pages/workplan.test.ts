/**
 * 工作计划 (areas/workplan) under miniprogram-simulate with real TDesign components, against the real emulator (demo
 * school): the admin creates the term's plan from the template and sees it by month with status and evidence, edits
 * an item; a teacher reads the plan and their own part and cannot edit; the appraisal shows each teacher's counts.
 */
import { openPage, partText, pickRadio, tapButton, typeInto } from './helpers/phone';
import { textOf, waitFor, waitForText } from './helpers/render';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const SCHOOL = 'demo-school';
const school = useDemoSchool();
const flat = (s: string) => s.replace(/\s+/g, '');

test('the admin creates the plan from the template and sees it by month with owners, status and evidence', async () => {
  const page = openPage(school.phone('demo-admin'), 'areas/workplan/pages/plan', { schoolId: SCHOOL });
  await waitForText(page, '本学期还没有工作计划');
  tapButton(page, '.create');
  await waitFor(page, () => page.querySelectorAll('.month').length > 0, 'the months of the plan');
  const view = await school.api('demo-admin', 'workPlan.get', { schoolId: SCHOOL });
  const plan = view.plan!;
  expect(page.querySelectorAll('.month')).toHaveLength(plan.months.length);
  expect(flat(partText(page, '.intro'))).toContain(`已完成0/${plan.total}项`);
  const withArchive = plan.months.find((m) => m.items.some((i) => i.evidence.some((e) => e.kind === 'rate')))!;
  const month = flat(partText(page, `.month--${withArchive.month}`));
  expect(month).toContain(flat(withArchive.label));
  expect(month).toContain('负责：领导小组');
  expect(month).toContain('未开始');
  expect(month).toContain(flat(withArchive.items.find((i) => i.evidence.length)!.evidence[0].label));
  expect(textOf(page)).toContain('组织留守儿童观看励志教育专题片');
  expect(textOf(page)).not.toMatch(/todo|doing|rate:|wp-/);

  // an item opens the editor; the evidence opens the records behind it
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  page.querySelector(`.month--${withArchive.month} >>> .proof--link`)!.dispatchEvent('tap');
  await waitFor(page, () => navigate.mock.calls.length > 0, 'wx.navigateTo');
  expect(navigate.mock.calls[0][0].url).toMatch(/^\/areas\/dashboard\/pages\/rate\/index\?schoolId=demo-school&rate=/);
  const item = withArchive.items[0];
  page.querySelector(`.month--${withArchive.month} >>> .item`)!.dispatchEvent('tap');
  await waitFor(page, () => navigate.mock.calls.length > 1, 'the editor');
  expect(navigate.mock.calls[1][0].url).toContain(`planId=${plan.planId}&itemId=${item.id}`);
});

test('the item editor changes an item: title, owner and status', async () => {
  const plan = (await school.api('demo-admin', 'workPlan.get', { schoolId: SCHOOL })).plan!;
  const item = plan.months[1].items[0];
  const back = jest.spyOn(wx, 'navigateBack').mockImplementation(() => undefined as never);
  const page = openPage(school.phone('demo-admin'), 'areas/workplan/pages/item', { schoolId: SCHOOL, planId: plan.planId, itemId: item.id });
  await waitForText(page, '佐证记录');
  typeInto(page, '.f-title', '留守儿童信息更新（全校）');
  pickRadio(page, '.f-status', '已完成');
  pickRadio(page, '.f-owner', '演示·班主任');
  tapButton(page, '.save');
  await waitFor(page, () => back.mock.calls.length > 0, 'the item saved and the editor closed');
  const saved = (await school.api('demo-admin', 'workPlan.get', { schoolId: SCHOOL })).plan!.months[1].items[0];
  expect(saved).toMatchObject({ title: '留守儿童信息更新（全校）', statusLabel: '已完成', owner: { kind: 'teacher' } });
  expect(saved.owner.name).toContain('演示·班主任');
});

test('a teacher reads the plan and their own part, and cannot edit', async () => {
  const page = openPage(school.phone('demo-teacher'), 'areas/workplan/pages/plan', {});
  await waitForText(page, '我负责的');
  expect(partText(page, '.mine')).toContain('三年级(1)班：建档、结对、亲情视频、谈心、家长会');
  expect(partText(page, '.mine')).toContain('留守儿童信息更新（全校）');
  expect(page.querySelector('.add')).toBeFalsy();
  expect(page.querySelector('.link-appraisal')).toBeFalsy();
  expect(page.querySelector('.link-group')).toBeTruthy();

  const editor = openPage(school.phone('demo-teacher'), 'areas/workplan/pages/item', { schoolId: SCHOOL });
  await waitForText(editor, '只有管理员可以修改工作计划');
  const appraisal = openPage(school.phone('demo-teacher'), 'areas/workplan/pages/appraisal', { schoolId: SCHOOL });
  await waitForText(appraisal, '您的身份无权进行此操作');
});

test("the appraisal shows each teacher's done and due", async () => {
  const view = await school.api('demo-admin', 'workPlan.appraisal', { schoolId: SCHOOL });
  const page = openPage(school.phone('demo-admin'), 'areas/workplan/pages/appraisal', { schoolId: SCHOOL });
  await waitForText(page, '工作考评');
  expect(page.querySelectorAll('.row')).toHaveLength(view.rows.length);
  const first = view.rows[0];
  expect(flat(partText(page, '.row'))).toContain(flat(first.name));
  const archive = first.cells.archive!;
  expect(flat(partText(page, '.row'))).toContain(`建档${archive.done}/${archive.due}`);
});
