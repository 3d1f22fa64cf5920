/**
 * 报表 and 工作总结 (areas/dashboard) and the archive form's 学籍与免疫 under miniprogram-simulate with real TDesign
 * components, against the real emulator (demo school and county): the admin downloads the 统计表 (the file the page
 * writes and opens is the xlsx the server built), edits and keeps the term's summary; the county sees its schools
 * behind target and downloads the county's 统计表; a teacher records a drop-out and is told of the alert it raised.
 */
import { openPage, partText, pickDate, pickRadio, tapButton } from './helpers/phone';
import { textOf, waitFor, waitForText } from './helpers/render';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(60000);

const SCHOOL = 'demo-school';
const school = useDemoSchool(async () => {
  const { version } = await school.api('demo-teacher', 'privacy.notice', {});
  await school.api('demo-teacher', 'consent.record', {
    childId: 'demo-child-01',
    decision: 'granted',
    noticeVersion: version,
    method: 'paper',
    signerName: '林建国',
    signerRelation: '父亲',
  });
});

type W = Record<string, unknown>;
/** What the page wrote and opened (WeChat's file system and viewer cannot exist here). */
function fakeFiles() {
  const w = wx as unknown as W;
  const saved = { files: [] as { path: string; data: string }[], opened: [] as string[] };
  const before = { fs: w.getFileSystemManager, open: w.openDocument };
  w.getFileSystemManager = () => ({ writeFileSync: (path: string, data: string) => saved.files.push({ path, data }) });
  w.openDocument = (o: { filePath: string; success?: () => void }) => {
    saved.opened.push(o.filePath);
    o.success?.();
  };
  return { saved, restore: () => Object.assign(w, { getFileSystemManager: before.fs, openDocument: before.open }) };
}

test('the admin opens the reports and downloads the 统计表', async () => {
  const page = openPage(school.phone('demo-admin'), 'areas/dashboard/pages/reports', { schoolId: SCHOOL });
  await waitForText(page, '基本情况登记表');
  expect(page.querySelectorAll('.file')).toHaveLength(3);
  expect(partText(page, '.summary')).toContain('还没有保存：打开后由记录生成草稿');
  const { saved, restore } = fakeFiles();
  try {
    page.querySelector('.file--statistics')!.dispatchEvent('tap');
    await waitFor(page, () => saved.opened.length > 0, 'the 统计表 opened');
    expect(saved.opened[0]).toMatch(/统计表-.+\.xlsx$/);
    // the file is the xlsx the server built (a zip: "PK")
    expect(Buffer.from(saved.files[0].data, 'base64').subarray(0, 2).toString()).toBe('PK');
  } finally {
    restore();
  }
});

test('the admin edits the drafted 工作总结 and keeps it', async () => {
  const page = openPage(school.phone('demo-admin'), 'areas/dashboard/pages/summary', { schoolId: SCHOOL });
  await waitForText(page, '一、基本情况');
  expect(partText(page, '.intro__sub')).toContain('由本学期的记录生成的草稿');
  expect(textOf(page)).toContain('二、主要工作');
  expect(textOf(page)).not.toContain('林小禾');
  const next = page.querySelector('.section--next >>> .section__text')!;
  const textarea = next.instance as unknown as { triggerEvent(name: string, detail: unknown): void };
  textarea.triggerEvent('change', { value: '下学期把建档率提高到100%。' });
  tapButton(page, '.save');
  await waitFor(page, () => partText(page, '.intro__sub').startsWith('已保存'), 'saved');
  const kept = await school.api('demo-admin', 'reports.summary', { schoolId: SCHOOL });
  expect(kept.saved).toBe(true);
  expect(kept.sections.find((s) => s.key === 'next')!.text).toBe('下学期把建档率提高到100%。');
});

test('the county sees the schools behind target and downloads the county 统计表', async () => {
  const page = openPage(school.phone('demo-county'), 'areas/dashboard/pages/county');
  await waitForText(page, '未达标的学校');
  expect(partText(page, '.behind-row--demo-school')).toContain('建档率');
  expect(partText(page, '.behind-row--demo-school')).toContain('目标 100%');
  const { saved, restore } = fakeFiles();
  try {
    tapButton(page, '.download-statistics');
    await waitFor(page, () => saved.opened.length > 0, 'the county 统计表 opened');
    expect(saved.opened[0]).toMatch(/统计表-.+\.xlsx$/);
  } finally {
    restore();
  }
});

test('a teacher records a drop-out on the archive form and is told of the alert', async () => {
  const modals: string[] = [];
  const w = wx as unknown as W;
  const before = { showModal: w.showModal, navigateBack: w.navigateBack };
  w.showModal = (o: { content?: string }) => modals.push(o.content ?? '');
  w.navigateBack = () => undefined;
  try {
    const page = openPage(school.phone('demo-teacher'), 'areas/archive/pages/archive-edit', { childId: 'demo-child-01' });
    await waitForText(page, '学籍状态');
    pickRadio(page, '.f-vaccination', '未全程接种');
    pickRadio(page, '.f-enrolment', '辍学');
    await waitForText(page, '控辍保学');
    // a status without its day is refused on the page, nothing sent
    tapButton(page, '.save');
    await waitFor(page, () => partText(page, '.err--enrolmentDate') === '请选择学籍变动日期', 'the day is asked for');
    await pickDate(page, '.f-enrolment-date', new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10));
    tapButton(page, '.save');
    await waitFor(page, () => modals.length > 0, 'the alert modal');
    expect(modals[0]).toContain('已登记为辍学');
  } finally {
    Object.assign(w, before);
  }
  const child = await school.api('demo-teacher', 'children.get', { childId: 'demo-child-01' });
  expect(child.child).toMatchObject({ enrolment: { status: 'dropped_out' }, vaccination: 'incomplete' });
  const alerts = await school.api('demo-admin', 'alerts.list', { schoolId: SCHOOL, status: 'open' });
  expect(JSON.stringify(alerts)).toContain('辍学');
});
