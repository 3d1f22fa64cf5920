/**
 * The archive pages (roster, child detail, archive and card forms, pairing, import wizard, alerts) under
 * miniprogram-simulate with real TDesign components, calling the real emulator through the local transport.
 * Taps go through the rendered nodes; typing goes through the pages' change handlers with the event a TDesign
 * input sends ({detail: {value}}, dataset from the node).
 */
import ExcelJS from 'exceljs';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { makeId } from '../archive/helpers';
import { beijingDate } from '../../cloudfunctions/core/time';
import { addDays } from '../../cloudfunctions/core/familyCalls/clock';
import { tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { nodeText, openPage, partText, pickDate } from './helpers/phone';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const navigations: string[] = [];
const modals: { title?: string; content?: string }[] = [];
const toasts: string[] = [];

const school = useDemoSchool(async () => {
  await school.api(DEMO.teacher, 'consent.record', {
    childId: 'demo-child-01',
    decision: 'granted',
    noticeVersion: PRIVACY_NOTICE.version,
    method: 'paper',
    signerName: '林大山',
    signerRelation: '父亲',
  });
  await school
    .db()
    .collection('children')
    .doc('demo-child-05')
    .update({ focusSupport: { flag: true, reason: '需重点关注' }, difficulties: ['study'], difficultyNote: '数学跟不上' });
  await school
    .db()
    .collection('children')
    .doc('demo-child-02')
    .update({ difficulties: ['psychological'], difficultyNote: '性格内向', focusSupport: { flag: true, reason: '心理需要关注' } });
});

beforeEach(() => {
  navigations.length = 0;
  modals.length = 0;
  toasts.length = 0;
  const w = wx as unknown as Record<string, unknown>;
  w.navigateTo = (o: { url: string }) => navigations.push(o.url);
  w.redirectTo = (o: { url: string }) => navigations.push(`redirect:${o.url}`);
  w.navigateBack = () => navigations.push('back');
  w.showToast = (o: { title: string }) => toasts.push(o.title);
  w.showModal = (o: { title?: string; content?: string; success?: (r: { confirm: boolean; cancel: boolean }) => void }) => {
    modals.push(o);
    o.success?.({ confirm: true, cancel: false });
  };
  w.setNavigationBarTitle = () => undefined;
});

const open = (openid: string, name: string, query: Record<string, string> = {}): Rendered => openPage(school.phone(openid), name, query);

type Instance = Record<string, (e?: unknown) => unknown> & { data: Record<string, unknown> };
const inst = (page: Rendered) => page.instance as unknown as Instance;
/** What a TDesign input/radio/checkbox/switch sends to a handler bound with data-field. */
const type = (page: Rendered, handler: string, field: string, value: unknown) =>
  inst(page)[handler]({ currentTarget: { dataset: { field } }, detail: { value } });

describe('roster', () => {
  test('the teacher sees the class figures, every child with badges, and can search and filter', async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/roster');
    await waitForText(page, '建档率');
    expect(partText(page, '.head')).toContain('三年级(1)班');
    expect(partText(page, '.stat--rate')).toContain('0%');
    const list = partText(page, '.list');
    for (const name of ['林小禾', '周子墨', '陈一诺', '吴星辰']) expect(list).toContain(name);
    expect(partText(page, '.row--demo-child-02')).toContain('重点帮扶');
    expect(partText(page, '.row--demo-child-02')).toContain('心理问题');
    expect(partText(page, '.row--demo-child-03')).toContain('缺：监护人同意');
    expect(partText(page, '.row--demo-child-01')).not.toContain('同意书未取得');
    expect(partText(page, '.row--demo-child-03')).toContain('同意书未取得');

    inst(page).onSearch({ detail: { value: '周' } });
    await waitFor(page, () => !partText(page, '.list').includes('林小禾'), 'search');
    expect(partText(page, '.list')).toContain('周子墨');
    inst(page).onClear();
    tap(page, '.chip--focus');
    await waitFor(page, () => !partText(page, '.list').includes('林小禾'), 'focus filter');
    expect(partText(page, '.count')).toContain('显示 1 人');
    tap(page, '.chip--focus');
    await waitFor(page, () => partText(page, '.list').includes('林小禾'), 'filter off');
    tap(page, '.chip--d-psychological');
    await waitFor(page, () => partText(page, '.count').includes('显示 1 人'), 'category filter');

    tap(page, '.row--demo-child-02');
    await waitFor(page, () => navigations.length > 0, 'navigation');
    expect(navigations).toEqual(['/areas/archive/pages/child/index?childId=demo-child-02']);
  });

  test('a parent cannot open the roster; the page says why', async () => {
    const page = open(DEMO.parent, 'areas/archive/pages/roster');
    await waitForText(page, '无权');
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).not.toContain('重试');
    expect(textOf(page)).toMatch(/无权|身份/);
    expect(textOf(page)).not.toContain('林小禾');
  });
});

describe('child detail', () => {
  test('the teacher sees archive, card, care network and history; edits are offered', async () => {
    await school.api(DEMO.teacher, 'contactCards.save', {
      childId: 'demo-child-01',
      expectedVersion: 0,
      parents: [
        {
          name: '林大山',
          relation: '父亲',
          phone: '13800000001',
          workCity: '东莞',
          workUnit: '某电子厂',
          workAddress: null,
          workPhone: null,
        },
      ],
      guardian: {
        name: '林奶奶',
        relation: '祖母',
        occupation: '务农',
        address: '青山村',
        phone: '13900000001',
        health: '良好',
        age: 66,
        capable: true,
      },
      emergency: null,
    });
    const page = open(DEMO.teacher, 'areas/archive/pages/child', { childId: 'demo-child-01' });
    await waitForText(page, '林小禾');
    expect(partText(page, '.panel--archive')).toContain('留守类型');
    expect(partText(page, '.head')).toContain('监护人同意：已同意');
    tap(page, '.tab--card');
    await waitForText(page, '13800000001');
    expect(partText(page, '.panel--card')).toContain('林奶奶（祖母）');
    expect(partText(page, '.panel--card')).toContain('本月已确认');
    tap(page, '.tab--history');
    await waitFor(page, () => partText(page, '.panel--history').includes('联系卡 第 1 版'), 'history');
    expect(partText(page, '.panel--history')).toContain('三年级(1)班 班主任');
    tap(page, '.tab--care');
    await waitForText(page, '还没有帮扶教师');
    tap(page, '.add-pairing >>> .t-button');
    await waitFor(page, () => navigations.length > 0, 'navigation');
    expect(navigations).toEqual(['/areas/archive/pages/pairing/index?childId=demo-child-01']);
  });

  test('ending a pairing asks in the confirm dialog first (取消 keeps it); confirmed, it moves to 已结束 and the history says the day in Chinese', async () => {
    await school.api(DEMO.teacher, 'care.pair', { childId: 'demo-child-01', kind: 'proxy', proxyKind: 'caring_mother', name: '赵阿姨', phone: '13900000009' });
    const page = open(DEMO.teacher, 'areas/archive/pages/child', { childId: 'demo-child-01' });
    await waitForText(page, '林小禾');
    tap(page, '.tab--care');
    await waitForText(page, '赵阿姨');
    const endButton = () => page.querySelectorAll('.care-network >>> .end--proxy >>> .t-button')[0];
    endButton().dispatchEvent('tap');
    await waitFor(page, () => partText(page, '.confirm').includes('确定结束与赵阿姨的结对吗？'), 'the confirm dialog');
    expect(modals).toEqual([]); // one way to ask: the dialog, not wx.showModal
    tap(page, '.confirm >>> .dialog-btn--cancel >>> .t-button');
    await waitFor(page, () => !partText(page, '.confirm').includes('确定结束'), 'the dialog closed');
    const open_ = (await school.db().collection('pairings').where({ childId: 'demo-child-01', personName: '赵阿姨' }).get()).data[0];
    expect(open_.endedAt).toBeNull();

    endButton().dispatchEvent('tap');
    await waitFor(page, () => partText(page, '.confirm').includes('确定结束与赵阿姨的结对吗？'), 'the confirm dialog again');
    tap(page, '.confirm >>> .dialog-btn--ok >>> .t-button');
    await waitFor(page, () => partText(page, '.care-network').includes('已结束的结对'), 'the pairing ended');
    expect(toasts).toContain('已结束结对');
    expect(page.querySelector('.care-network >>> .end--proxy')).toBeFalsy();
    const ended = (await school.db().collection('pairings').doc(open_._id).get()).data[0];
    expect(ended.endedAt).toBeInstanceOf(Date);
    const [y, m, d] = String(ended.endDate).split('-').map(Number);
    tap(page, '.tab--history');
    await waitFor(page, () => partText(page, '.panel--history').includes(`结束结对（${y}年${m}月${d}日）`), 'the history note');
    expect(partText(page, '.panel--history')).not.toContain(String(ended.endDate));
  });

  test('a parent sees the card but no difficulty categories, no history and no edit buttons', async () => {
    await school
      .db()
      .collection('children')
      .doc('demo-child-01')
      .update({ difficulties: ['economic'], difficultyNote: '父亲工伤' });
    const page = open(DEMO.parent, 'areas/archive/pages/child', { childId: 'demo-child-01' });
    await waitForText(page, '林小禾');
    expect(textOf(page)).not.toContain('困难/问题');
    expect(textOf(page)).not.toContain('父亲工伤');
    expect(textOf(page)).not.toContain('编辑档案');
    expect(page.querySelector('.tab--history')).toBeFalsy();
    tap(page, '.tab--card');
    await waitForText(page, '林奶奶');
    expect(textOf(page)).not.toContain('编辑联系卡');
  });

  test('a student is told they may not see it (the forbidden state: no retry would change that)', async () => {
    const page = open(DEMO.student, 'areas/archive/pages/child', { childId: 'demo-child-01' });
    await waitForText(page, '无权');
    expect(page.data.state).toBe('forbidden');
    expect(textOf(page)).not.toContain('重试');
    expect(textOf(page)).not.toContain('林小禾');
  });
});

describe('archive form', () => {
  test("checks in place as the teacher types, maps the server's field errors, and saves only what changed", async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/archive-edit', { childId: 'demo-child-01' });
    await waitFor(page, () => !!page.querySelector('.f-id'), 'form');
    type(page, 'onField', 'idNumber', '110105194912310021');
    await waitForText(page, '身份证号校验位不正确');
    expect(page.querySelector('.err--idNumber')).toBeTruthy();
    type(page, 'onField', 'idNumber', makeId('2017-09-13', 'female'));
    await waitForText(page, '与填写的出生日期不一致');
    type(page, 'onField', 'idNumber', makeId('2017-09-12', 'female'));
    await waitFor(page, () => !page.querySelector('.err--idNumber'), 'id error gone');

    type(page, 'onField', 'focus', true);
    tap(page, '.save >>> .t-button');
    await waitForText(page, '请填写重点帮扶原因');
    type(page, 'onField', 'focusReason', '家庭经济困难');
    await waitFor(page, () => !page.querySelector('.err--focusReason'), 'reason error gone');

    // a rule only the server knows: an orphan cannot be "both parents away"
    type(page, 'onField', 'vulnerableCategories', ['orphan']);
    tap(page, '.save >>> .t-button');
    await waitFor(page, () => !!page.querySelector('.err--vulnerableCategories'), 'server error in place');
    expect(partText(page, '.err--vulnerableCategories')).toContain('孤儿');
    const before = (await school.db().collection('children').doc('demo-child-01').get()).data[0];
    expect(before.focusSupport).toBeNull();

    type(page, 'onField', 'vulnerableCategories', []);
    type(page, 'onField', 'hobbies', '画画、跳绳');
    const exams = page.querySelector('.exam-records')!.instance as unknown as Instance;
    exams.onExamField({ currentTarget: { dataset: { field: 'exam' } }, detail: { value: '期中考试' } });
    await pickDate(page, '.exam-records >>> .x-date', '2026-11-10');
    exams.onExamField({ currentTarget: { dataset: { field: 'scores' } }, detail: { value: '语文 92 数学 88' } });
    tap(page, '.exam-records >>> .add-exam >>> .t-button');
    await waitForText(page, '2026年11月10日 期中考试');
    tap(page, '.save >>> .t-button');
    await waitFor(page, () => navigations.includes('back'), 'saved');
    const after = (await school.db().collection('children').doc('demo-child-01').get()).data[0];
    expect(after).toMatchObject({
      hobbies: '画画、跳绳',
      idNumber: makeId('2017-09-12', 'female'),
      focusSupport: { flag: true, reason: '家庭经济困难' },
    });
    expect(after.studyRecords).toEqual([
      {
        exam: '期中考试',
        date: '2026-11-10',
        scores: [
          { subject: '语文', score: 92, full: 100 },
          { subject: '数学', score: 88, full: 100 },
        ],
        rank: null,
        note: null,
      },
    ]);
    const history = (await school.db().collection('archiveHistory').where({ childId: 'demo-child-01', target: 'archive' }).get()).data;
    expect(history[history.length - 1].changes.map((c: { field: string }) => c.field)).not.toContain('name');
  });

  test('without consent the form says so and cannot be saved', async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/archive-edit', { childId: 'demo-child-03' });
    await waitForText(page, '尚未取得监护人同意');
    tap(page, '.save >>> .t-button');
    await new Promise((r) => setTimeout(r, 200));
    expect(navigations).toEqual([]);
  });

  test('adding a pupil checks the roster fields and opens the new child', async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/archive-edit', { classId: 'demo-class-3-1' });
    await waitFor(page, () => !!page.querySelector('.save'), 'form');
    tap(page, '.save >>> .t-button');
    await waitForText(page, '请填写姓名');
    expect(textOf(page)).toContain('请选择性别');
    type(page, 'onField', 'name', '孙小满');
    type(page, 'onField', 'gender', 'female');
    // a day no picker offers, as a change event could still bring it
    type(page, 'onField', 'birthDate', '2017-02-30');
    await waitForText(page, '出生日期不是有效的日期');
    await pickDate(page, '.f-birth', '2017-03-01');
    await waitFor(page, () => partText(page, '.f-birth').includes('2017年3月1日'), 'the day picked, shown in Chinese');
    expect(page.querySelector('.err--birthDate')).toBeFalsy();
    type(page, 'onField', 'leftBehindType', 'both_away');
    tap(page, '.save >>> .t-button');
    await waitFor(page, () => navigations.some((n) => n.startsWith('redirect:/areas/archive/pages/child/index?childId=')), 'created');
    expect((await school.db().collection('children').where({ name: '孙小满' }).get()).data[0]).toMatchObject({
      classId: 'demo-class-3-1',
      birthDate: '2017-03-01',
    });
  });
});

describe('contact card form', () => {
  test('phones are checked in place; a card without a capable guardian warns that the admin was alerted', async () => {
    await school.api(DEMO.admin, 'consent.record', {
      childId: 'demo-child-06',
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      signerName: '孙父',
      signerRelation: '父亲',
    });
    await school.db().collection('bindings').add({
      openid: 'teacher-3-2',
      role: 'teacher',
      schoolId: 'demo-school',
      classId: 'demo-class-3-2',
      childId: null,
      communityId: null,
      title: 'head',
      label: '三年级(2)班 班主任',
      createdAt: new Date(),
      revokedAt: null,
    });
    const page = open('teacher-3-2', 'areas/archive/pages/card-edit', { childId: 'demo-child-06' });
    await waitFor(page, () => !!page.querySelector('.f-father-phone'), 'form');
    type(page, 'onField', 'father.name', '孙大勇');
    type(page, 'onField', 'father.phone', '1380000');
    await waitForText(page, '父亲电话格式不正确');
    type(page, 'onField', 'father.phone', '13800000006');
    await waitFor(page, () => !page.querySelector('.err--father-phone'), 'phone ok');
    type(page, 'onField', 'guardian.name', '孙爷爷');
    type(page, 'onField', 'guardian.relation', '祖父');
    type(page, 'onField', 'guardian.phone', '13900000006');
    type(page, 'onField', 'guardian.age', '81');
    type(page, 'onField', 'guardian.capable', false);
    tap(page, '.save >>> .t-button');
    await waitFor(page, () => modals.length > 0, 'alert modal');
    expect(modals[0].title).toBe('已发出预警');
    expect(navigations).toEqual(['back']);
    const card = (await school.db().collection('contactCards').doc('demo-child-06').get()).data[0];
    expect(card).toMatchObject({
      version: 1,
      parents: [{ name: '孙大勇', relation: '父亲', phone: '13800000006' }],
      guardian: { name: '孙爷爷', age: 81, capable: false },
    });
  });
});

describe('alerts page', () => {
  test('the admin sees the alert and resolves it with what was done', async () => {
    const page = open(DEMO.admin, 'areas/archive/pages/alerts');
    await waitForText(page, '孙浩然');
    expect(textOf(page)).toContain('没有具有照护能力的监护人');
    tap(page, '.resolve >>> .t-button');
    await waitFor(page, () => !!page.querySelector('.resolve-confirm'), 'resolve form');
    tap(page, '.resolve-confirm >>> .t-button');
    await waitForText(page, '请填写处理情况');
    inst(page).onResolution({ detail: { value: '已联系孙父，外婆下周来照护' } });
    tap(page, '.resolve-confirm >>> .t-button');
    await waitForText(page, '没有待处理的预警');
    tap(page, '.tab--resolved');
    await waitForText(page, '已联系孙父，外婆下周来照护');
  });

  test('a school with many open alerts shows the newest 20 first and the rest on reaching the bottom', async () => {
    const db = school.db();
    const at = new Date('2026-09-01T08:00:00+08:00');
    await db.collection('schools').add({ _id: 'alerts-school', name: '预警小学', createdAt: at });
    await db.collection('bindings').add({
      openid: 'alerts-admin',
      role: 'admin',
      label: '预警小学',
      schoolId: 'alerts-school',
      classId: null,
      childId: null,
      communityId: null,
      createdAt: at,
      revokedAt: null,
    });
    // 41 alerts, two of each minute sharing an instant (as an import raises them): the page must not lose or repeat one
    await db.collection('alerts').add(
      Array.from({ length: 41 }, (_, i) => ({
        _id: `alerts-school-${String(i).padStart(2, '0')}`,
        schoolId: 'alerts-school',
        classId: null,
        childId: null,
        kind: 'no_capable_guardian',
        message: `第${i + 1}条预警`,
        createdAt: new Date(at.getTime() + Math.floor(i / 2) * 60_000),
        createdBy: 'system',
        resolvedAt: null,
        resolvedBy: null,
        resolution: null,
      })),
    );
    const page = open('alerts-admin', 'areas/archive/pages/alerts', { schoolId: 'alerts-school' });
    await waitForText(page, '第41条预警');
    const messages = () => page.querySelectorAll('.alert__message').map((n) => nodeText(n).trim());
    expect(messages()).toHaveLength(20);
    expect(messages()[0]).toBe('第41条预警');
    expect(textOf(page)).toContain('加载更多');
    expect(textOf(page)).not.toContain('没有更多了');

    (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
    await waitFor(page, () => messages().length === 40, 'the second page');
    expect(textOf(page)).not.toContain('没有更多了');
    tap(page, '.more >>> .t-button');
    await waitForText(page, '没有更多了');
    const all = messages();
    expect(all).toHaveLength(41);
    expect(new Set(all).size).toBe(41);
    expect(all[40]).toBe('第1条预警');
    expect(textOf(page)).not.toContain('加载更多');
  });
});

describe('pairing page', () => {
  test('a buddy is chosen from the classmates', async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/pairing', { childId: 'demo-child-03' });
    await waitForText(page, '帮扶教师');
    tap(page, '.kind--buddy');
    await waitForText(page, '吴星辰');
    tap(page, '.save >>> .t-button');
    await waitForText(page, '请选择一名同学');
    type(page, 'onField', 'buddyChildId', 'demo-child-04');
    // they became friends yesterday (Beijing time): the day is picked, not typed
    const yesterday = addDays(beijingDate(new Date()), -1);
    await pickDate(page, '.f-start', yesterday);
    tap(page, '.save >>> .t-button');
    await waitFor(page, () => navigations.includes('back'), 'paired');
    expect((await school.db().collection('pairings').where({ childId: 'demo-child-03', kind: 'buddy' }).get()).data[0]).toMatchObject({
      buddyChildId: 'demo-child-04',
      startDate: yesterday,
      endedAt: null,
    });
  });
});

describe('who may add, edit or import pupils', () => {
  test('a parent, a student and a community worker see the forbidden state on 添加学生 and 导入花名册, not the form', async () => {
    for (const openid of [DEMO.parent, DEMO.student, DEMO.community]) {
      const add = open(openid, 'areas/archive/pages/archive-edit', { classId: 'demo-class-3-1' });
      await waitFor(add, () => add.data.state === 'forbidden', `添加学生 refused to ${openid}`);
      expect(textOf(add)).toContain('只有班主任和管理员可以填写学生档案');
      expect(add.querySelector('.f-name')).toBeFalsy();
      expect(add.querySelector('.save')).toBeFalsy();

      const sheet = open(openid, 'areas/archive/pages/import', { schoolId: 'demo-school', classId: 'demo-class-3-1' });
      await waitFor(sheet, () => sheet.data.state === 'forbidden', `导入花名册 refused to ${openid}`);
      expect(textOf(sheet)).toContain('只有班主任和管理员可以导入花名册');
      expect(sheet.querySelector('.pick-file')).toBeFalsy();
    }
    // the class's teacher and the school's admin get the wizard; a whole-school import is the admin's only
    for (const [openid, query, offered] of [
      [DEMO.teacher, { schoolId: 'demo-school', classId: 'demo-class-3-1' }, true],
      [DEMO.admin, { schoolId: 'demo-school' }, true],
      [DEMO.teacher, { schoolId: 'demo-school' }, false],
    ] as const) {
      const sheet = open(openid, 'areas/archive/pages/import', query);
      await waitFor(sheet, () => sheet.data.state === (offered ? 'ready' : 'forbidden'), `the import page for ${openid}`);
      expect(!!sheet.querySelector('.pick-file')).toBe(offered);
    }
  });

  test('a parent opening the archive or card form of their own child sees the forbidden state, not the form', async () => {
    const page = open(DEMO.parent, 'areas/archive/pages/archive-edit', { childId: 'demo-child-01' });
    await waitFor(page, () => page.data.state === 'forbidden', 'the refusal');
    expect(textOf(page)).not.toContain('重试');
    expect(page.querySelector('.f-name')).toBeFalsy();
    const card = open(DEMO.parent, 'areas/archive/pages/card-edit', { childId: 'demo-child-01' });
    await waitFor(card, () => card.data.state === 'forbidden', 'the card form refused');
    expect(textOf(card)).toContain('只有班主任和管理员可以填写联系卡');
    expect(textOf(card)).not.toContain('重试');
    expect(card.querySelector('.f-father-phone')).toBeFalsy();
  });

  test('a teacher opening the alerts sees only the refusal, no tabs', async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/alerts');
    await waitFor(page, () => page.data.state === 'forbidden', 'the refusal');
    expect(page.querySelector('.tabs')).toBeFalsy();
    expect(textOf(page)).not.toContain('待处理');
  });
});

async function xlsx(rows: (string | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '性别', '出生日期', '留守类型']);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('import wizard', () => {
  test('a picked sheet is uploaded and previewed; invalid rows are listed and block the import', async () => {
    const base64 = await xlsx([
      ['钱多多', '男', '2017-05-01', '父母均外出'],
      ['', '女', '2017-05-02', '父母均外出'],
      ['李白', '男', '2017-13-01', '父母均外出'],
    ]);
    const w = wx as unknown as Record<string, unknown>;
    w.chooseMessageFile = (o: { success: (r: unknown) => void }) =>
      o.success({ tempFiles: [{ name: '三年级一班.xlsx', path: '/tmp/picked.xlsx', size: base64.length }] });
    w.getFileSystemManager = () => ({ readFileSync: () => base64 });
    const page = open(DEMO.teacher, 'areas/archive/pages/import', { schoolId: 'demo-school', classId: 'demo-class-3-1' });
    await waitFor(page, () => !!page.querySelector('.pick-file'), 'the wizard');
    tap(page, '.pick-file >>> .t-button');
    await waitForText(page, '有误的行');
    expect(partText(page, '.summary').replace(/\s/g, '')).toContain('可导入1行，有误2行');
    expect(partText(page, '.problem--3')).toContain('请填写姓名');
    expect(partText(page, '.problem--4')).toContain('出生日期');
    tap(page, '.commit >>> .t-button');
    await new Promise((r) => setTimeout(r, 200));
    expect(page.querySelector('.done')).toBeFalsy();
    expect((await school.db().collection('children').where({ name: '钱多多' }).count()).total).toBe(0);
  });

  test('a clean sheet is imported in one go', async () => {
    const page = open(DEMO.teacher, 'areas/archive/pages/import', { schoolId: 'demo-school', classId: 'demo-class-3-1' });
    await (inst(page).upload as unknown as (n: string, b: string) => Promise<void>)(
      '三年级一班.xlsx',
      await xlsx([
        ['钱多多', '男', '2017-05-01', '父母均外出'],
        ['赵灵儿', '女', '2017-06-02', '非留守'],
      ]),
    );
    await waitForText(page, '确认导入 2 人');
    tap(page, '.commit >>> .t-button');
    await waitForText(page, '导入完成');
    expect(partText(page, '.done')).toContain('新增 2 人');
    expect((await school.db().collection('children').where({ classId: 'demo-class-3-1', name: '赵灵儿' }).count()).total).toBe(1);
  });
});
