/**
 * 联系卡月度核对 (pages/card-round) under miniprogram-simulate with real TDesign components, against the real
 * emulator (demo school seeded) through the real local transport. With paper consents recorded, 周子墨's card dates
 * from last month (so it is due this month), 林小禾's was saved this month (confirmed); 陈一诺 has none.
 */
import { openPage, nodeText, partText, tapButton, withText } from './helpers/phone';
import { textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(30000);

const CLASS = 'demo-class-3-1';
const LAST_MONTH = new Date(Date.now() - 40 * 86400000);

const card = {
  parents: [{ name: '周大海', relation: '父亲', phone: '13811112222', workCity: '浙江宁波', workUnit: null, workAddress: null, workPhone: null }],
  guardian: {
    name: '周桂兰',
    relation: '外婆',
    occupation: '务农',
    address: '青山村三组',
    phone: '13722223333',
    health: '良好',
    age: 63,
    capable: true,
  },
  emergency: { name: '周小海', relation: '舅舅', phone: '13633334444' },
};

/** Save 周子墨's card as the teacher; then date its confirmation back to last month, as if saved then (consent was recorded today). */
async function saveLastMonth(expectedVersion: number, values: typeof card): Promise<void> {
  await school.api('demo-teacher', 'contactCards.save', { childId: 'demo-child-02', expectedVersion, ...values });
  await school.db().collection('contactCards').doc('demo-child-02').update({ confirmedAt: LAST_MONTH });
}

const school = useDemoSchool(async () => {
  const { version } = await school.api('demo-teacher', 'privacy.notice', {});
  for (const [childId, signerName, signerRelation] of [
    ['demo-child-01', '林建国', '父亲'],
    ['demo-child-02', '周桂兰', '外婆'],
  ]) {
    await school.api('demo-teacher', 'consent.record', {
      childId,
      decision: 'granted',
      noticeVersion: version,
      method: 'paper',
      signerName,
      signerRelation,
    });
  }
  // 林小禾's card is saved this month: she is not in the round
  await school.api('demo-teacher', 'contactCards.save', {
    childId: 'demo-child-01',
    expectedVersion: 0,
    ...card,
    parents: [{ ...card.parents[0], name: '林建国' }],
    guardian: { ...card.guardian, name: '林桂芳', relation: '奶奶' },
  });
  await saveLastMonth(0, card);
});

const round = () => school.api('demo-teacher', 'contactCards.round', { classId: CLASS });
const row = (page: Rendered, name: string) => withText(page, '.row', name)[0];
const dialogOpen = (page: Rendered) => (page.instance.data as { confirm: { visible: boolean } }).confirm.visible;

test('the teacher sees this month’s round: who is still to confirm, with or without a card', async () => {
  const answer = await round();
  expect(answer.pending.map((p) => p.name).sort()).toEqual(['周子墨', '陈一诺'].sort());

  const page = openPage(school.phone('demo-teacher'), 'areas/archive/pages/card-round');
  await waitForText(page, '联系卡核对');
  // the month as people read it ("2026-12" is 2026年12月)
  const [year, month] = answer.month.split('-');
  expect(partText(page, '.intro__title')).toContain(`三年级(1)班 ${year}年${Number(month)}月联系卡核对`);
  expect(partText(page, '.intro__title')).not.toContain(answer.month);
  expect(partText(page, '.progress__text').replace(/\s+/g, '')).toBe(`本月已确认${answer.confirmed}/${answer.total}人，还剩2人`);
  expect(answer).toMatchObject({ total: 3, confirmed: 1 });

  expect(nodeText(row(page, '周子墨'))).toContain('上次确认：');
  expect(nodeText(row(page, '周子墨'))).toContain('无变化，确认');
  expect(nodeText(row(page, '周子墨'))).toContain('修改');
  expect(nodeText(row(page, '陈一诺'))).toContain('还没有联系卡');
  expect(nodeText(row(page, '陈一诺'))).toContain('填写联系卡');
  expect(nodeText(row(page, '陈一诺'))).not.toContain('无变化');
  expect(row(page, '林小禾')).toBeUndefined();
  expect(row(page, '吴星辰')).toBeUndefined();

  // 填写联系卡 opens the card editor for the child
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  tapButton(page, '.row--demo-child-03 .row__edit');
  await waitFor(page, () => navigate.mock.calls.length > 0, 'wx.navigateTo');
  expect(navigate).toHaveBeenCalledWith({ url: '/areas/archive/pages/card-edit/index?childId=demo-child-03' });
});

test('无变化，确认 shows the card to check with the family; confirmed, the child leaves the list (a stale card is refused)', async () => {
  const page = openPage(school.phone('demo-teacher'), 'areas/archive/pages/card-round', { classId: CLASS });
  await waitForText(page, '周子墨');

  // cancelling confirms nothing
  tapButton(page, '.row--demo-child-02 .row__confirm');
  await waitFor(page, () => dialogOpen(page), 'the confirm dialog');
  expect(textOf(page)).toContain('核对周子墨的联系卡');
  expect(textOf(page)).toContain('父亲：周大海');
  expect(textOf(page)).toContain('监护人（外婆）：周桂兰');
  expect(textOf(page)).toContain('紧急联系人（舅舅）：周小海');
  page.querySelector('.confirm >>> .dialog-btn--cancel >>> .t-button')!.dispatchEvent('tap');
  await waitFor(page, () => !dialogOpen(page), 'the dialog to close');
  expect((await round()).pending.map((p) => p.childId)).toContain('demo-child-02');

  // the card changes after the teacher read it: the server refuses the old version, the child stays
  tapButton(page, '.row--demo-child-02 .row__confirm');
  await waitFor(page, () => dialogOpen(page), 'the confirm dialog again');
  await saveLastMonth(1, { ...card, emergency: { ...card.emergency, phone: '13655556666' } });
  page.querySelector('.confirm >>> .dialog-btn--ok >>> .t-button')!.dispatchEvent('tap');
  await waitFor(page, () => partText(page, '.notice--error') !== '', 'the refusal');
  expect(partText(page, '.notice--error')).toBe('档案已被他人修改，请刷新后重新编辑');
  expect(row(page, '周子墨')).toBeTruthy();

  // read again, then confirmed
  tapButton(page, '.row--demo-child-02 .row__confirm');
  await waitFor(page, () => dialogOpen(page), 'the confirm dialog a third time');
  page.querySelector('.confirm >>> .dialog-btn--ok >>> .t-button')!.dispatchEvent('tap');
  await waitForText(page, '已确认周子墨的联系卡本月无变化');
  expect(row(page, '周子墨')).toBeUndefined();
  expect(row(page, '陈一诺')).toBeTruthy();
  expect(partText(page, '.progress__text').replace(/\s+/g, '')).toBe('本月已确认2/3人，还剩1人');

  const after = await round();
  expect(after.pending.map((p) => p.childId)).toEqual(['demo-child-03']);
  expect(after.confirmed).toBe(2);
  const detail = await school.api('demo-teacher', 'children.get', { childId: 'demo-child-02' });
  expect(detail.contactCard?.version).toBe(2);
  expect(new Date(detail.contactCard!.confirmedAt!).getTime()).toBeGreaterThan(Date.now() - 60000);
});

test('the roster links to its class’s round; the admin sees another class’s round from there', async () => {
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  const roster = openPage(school.phone('demo-teacher'), 'areas/archive/pages/roster');
  await waitForText(roster, '联系卡核对');
  roster.querySelector('.card-round-link')!.dispatchEvent('tap');
  await waitFor(roster, () => navigate.mock.calls.length > 0, 'wx.navigateTo');
  expect(navigate).toHaveBeenCalledWith({
    url: `/areas/archive/pages/card-round/index?classId=${CLASS}&className=${encodeURIComponent('三年级(1)班')}`,
  });

  const page = openPage(school.phone('demo-admin'), 'areas/archive/pages/card-round', {
    classId: 'demo-class-3-2',
    className: encodeURIComponent('三年级(2)班'),
  });
  await waitForText(page, '郑可欣');
  expect(partText(page, '.intro__title')).toContain('三年级(2)班');
  expect(nodeText(row(page, '孙浩然'))).toContain('还没有联系卡');
  expect(row(page, '马语桐')).toBeUndefined();
});

test('a parent is refused the round', async () => {
  const page = openPage(school.phone('demo-parent'), 'areas/archive/pages/card-round');
  await waitForText(page, '只有班主任和管理员可以核对联系卡');
  expect(textOf(page)).not.toContain('林小禾');
});
