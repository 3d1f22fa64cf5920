/**
 * 爱心天地 (the class corner) and the buddy registration card: works posted by students and teachers with the cards'
 * moderation, featured works picked by the teacher, the board read by the class's students and families only; the
 * 手拉手好朋友结对子登记卡 of a class as xlsx, one row per pair, audited.
 */
import ExcelJS from 'exceljs';
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { OTHER } from '../helpers/world';
import { birthdayWorld, must, NOW, STUDENT, TEACHER } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await birthdayWorld(env);
}, 60000);
afterAll(() => env.stop());

const api = (openid: string, action: string, input: Record<string, unknown>) => env.api(openid, action as never, input, NOW);
const works = async () => (await env.app.database().collection('cornerWorks').limit(1000).get()).data as Record<string, unknown>[];
const post = (openid: string, over: Record<string, unknown> = {}) =>
  api(openid, 'corner.post', {
    classId: 'demo-class-3-1',
    kind: 'declaration',
    title: '我的爱心宣言',
    text: '关心身边的每一位同学，手拉手一起成长。',
    ...over,
  });

describe('the class corner', () => {
  let declaration = '';
  let board = '';

  test('a student’s declaration shows at once, signed with their given name; the teacher’s 宣传栏 too', async () => {
    const res = await post(STUDENT.buddy);
    expect(res).toMatchObject({
      ok: true,
      data: { visible: true, message: '作品已贴到爱心天地', work: { authorLabel: '星辰同学', status: 'approved', photo: null } },
    });
    declaration = (res as { data: { work: { id: string } } }).data.work.id;
    const teacher = await post(TEACHER.head, { kind: 'board', title: '三月爱心宣传栏', text: '学雷锋，献爱心：本月我们给留守同学过生日。' });
    board = (teacher as { data: { work: { id: string } } }).data.work.id;
    expect(teacher).toMatchObject({ ok: true, data: { work: { authorLabel: '班主任', kind: 'board' } } });
  });

  test('the teacher picks the featured works; the board shows them first to students and families of the class', async () => {
    expect(await api(STUDENT.buddy, 'corner.feature', { workId: declaration, featured: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await must(env, TEACHER.head, 'corner.feature', { workId: declaration, featured: true })).toEqual({ featured: true });
    expect(await api(TEACHER.head, 'corner.feature', { workId: declaration, featured: true })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这件作品已经是展示作品了' },
    });
    const family = await must(env, 'demo-parent', 'corner.board', { childId: 'demo-child-01' });
    expect(family).toMatchObject({ className: '三年级(1)班', canPost: false, canFeature: false });
    expect(family.works.map((w) => [w.title, w.featured])).toEqual([
      ['我的爱心宣言', true],
      ['三月爱心宣传栏', false],
    ]);
    const student = await must(env, STUDENT.opted, 'corner.board', { classId: 'demo-class-3-1' });
    expect(student).toMatchObject({ canPost: true, canFeature: false });
    expect(student.works).toHaveLength(2);
    const home = await must(env, STUDENT.opted, 'birthdays.home', {});
    expect(home.corner).toMatchObject({ total: 2, featured: [expect.objectContaining({ id: declaration })] });
  });

  test('moderation as for cards: flagged words wait, rejected works leave the board (and the featured row)', async () => {
    const flagged = await post(STUDENT.opted, { title: '不打架', text: '我们不打架，做好朋友' });
    expect(flagged).toMatchObject({ ok: true, data: { visible: false, work: { status: 'pending' }, message: '作品已交给老师，老师看过后就会贴出来' } });
    const id = (flagged as { data: { work: { id: string } } }).data.work.id;
    expect((await must(env, STUDENT.opted, 'corner.board', { classId: 'demo-class-3-1' })).mine).toEqual([
      expect.objectContaining({ id, status: 'pending', mine: true }),
    ]);
    expect((await must(env, 'demo-parent', 'corner.board', { childId: 'demo-child-01' })).works.map((w) => w.id)).not.toContain(id);
    const queue = await must(env, TEACHER.head, 'wishes.queue', { classId: 'demo-class-3-1' });
    expect(queue.works).toEqual([expect.objectContaining({ id, flagged: true, authorLabel: '一诺同学' })]);
    expect(await must(env, TEACHER.head, 'corner.review', { workId: id, decision: 'approve' })).toEqual({ status: 'approved' });
    expect(await must(env, TEACHER.head, 'corner.review', { workId: declaration, decision: 'reject' })).toEqual({ status: 'rejected' });
    const board2 = await must(env, 'demo-parent', 'corner.board', { childId: 'demo-child-01' });
    // (posted at the same simulated instant: their order is the database's)
    expect(board2.works.map((w) => w.title).sort()).toEqual(['三月爱心宣传栏', '不打架'].sort());
    const rejected = (await works()).find((w) => w._id === declaration)!;
    expect(rejected).toMatchObject({ status: 'rejected', featured: false });
    expect(await api(TEACHER.head, 'corner.feature', { workId: declaration, featured: true })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '作品通过后才能选为展示作品' },
    });
    expect(board).not.toBe('');
  });

  test('a risky work is refused and not stored; the same work twice is one; bad input is refused', async () => {
    const before = (await works()).length;
    expect(await post(STUDENT.buddy, { title: '好消息', text: '加微信领红包' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '这段文字可能含有不适合的内容，请换一种说法再发' },
    });
    expect(await post(TEACHER.head, { kind: 'board', title: '三月爱心宣传栏', text: '学雷锋，献爱心：本月我们给留守同学过生日。' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这件作品已经发过了' },
    });
    const same = await Promise.all(Array.from({ length: 4 }, () => post(STUDENT.quiet, { title: '一起长大', text: '我们是一个集体' })));
    expect(same.filter((r) => r.ok)).toHaveLength(1);
    expect(await post(STUDENT.buddy, { title: '<b>宣言</b>' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: [{ path: 'title', message: '作品标题里不能有网页代码（如 <script>、尖括号标签），请只写文字' }] },
    });
    expect(await post(STUDENT.buddy, { text: '爱'.repeat(301) })).toMatchObject({ ok: false, error: { details: [{ path: 'text' }] } });
    expect(await post(STUDENT.buddy, { kind: 'poem' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误：请选择作品类别' } });
    expect(await post(STUDENT.other)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await works()).length).toBe(before + 1);
  });

  test('a writer with five works waiting waits for the teacher', async () => {
    await must(env, TEACHER.head, 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: true });
    for (let i = 1; i <= 5; i++) expect(await post(STUDENT.buddy, { title: `宣言${i}` })).toMatchObject({ ok: true, data: { visible: false } });
    expect(await post(STUDENT.buddy, { title: '宣言6' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '你已有 5 件作品在等老师看，等老师看过再发吧' },
    });
    await must(env, TEACHER.head, 'wishes.settings', { classId: 'demo-class-3-1', approvalRequired: false });
  });

  test('other classes and schools see nothing of the board', async () => {
    for (const who of [STUDENT.other, STUDENT.far, OTHER.teacher, TEACHER.head32, 'demo-community'])
      expect(await api(who, 'corner.board', { classId: 'demo-class-3-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await api('demo-parent', 'corner.board', { classId: 'demo-class-3-2' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the buddy registration card (手拉手好朋友结对子登记卡)', () => {
  test('one row per pair of the class, with the buddy’s class, as xlsx; each child named is audited', async () => {
    const res = await must(env, TEACHER.head, 'buddies.export', { classId: 'demo-class-3-1' });
    expect(res).toMatchObject({ exportId: null, chunks: 1, rows: 2 });
    expect(res.fileName).toMatch(/^青山镇中心小学（演示）三年级\(1\)班手拉手好朋友结对子登记卡_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.data, 'base64') as never);
    const sheet = wb.getWorksheet('结对子登记卡')!;
    const rows = sheet
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows[0][0]).toBe('青山镇中心小学（演示）三年级(1)班手拉手好朋友结对子登记卡');
    expect(rows[2]).toEqual(['序号', '班级', '留守儿童', '手拉手好朋友', '好朋友所在班级', '结对日期', '帮扶约定 / 备注']);
    expect(rows.slice(3).map((r) => r.slice(0, 6))).toEqual([
      [1, '三年级(1)班', '林小禾', '吴星辰', '三年级(1)班', '2027年3月10日'],
      [2, '三年级(1)班', '周子墨', '陈一诺', '三年级(1)班', '2027年3月10日'],
    ]);
    const audits = (await env.app.database().collection('auditLog').where({ action: 'buddies.export' }).limit(100).get()).data as {
      childId: string;
      kind: string;
    }[];
    expect(audits.map((a) => a.childId).sort()).toEqual(['demo-child-01', 'demo-child-02', 'demo-child-03', 'demo-child-04']);
    expect(audits.every((a) => a.kind === 'export')).toBe(true);
  });

  test('only the class’s teachers and the school’s admin export it', async () => {
    for (const who of [TEACHER.head32, TEACHER.mentor, STUDENT.buddy, 'demo-parent', OTHER.teacher])
      expect(await api(who, 'buddies.export', { classId: 'demo-class-3-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await must(env, 'demo-admin', 'buddies.export', { classId: 'demo-class-3-1' })).toMatchObject({ rows: 2 });
  });
});
