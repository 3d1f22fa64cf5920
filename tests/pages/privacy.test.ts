/**
 * 审计日志 (pages/audit), the WeChat privacy gate (components/privacy-gate on home), and 隐私与同意
 * (pages/privacy) under miniprogram-simulate, against the real emulator with the demo school.
 */
import { tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { nodeText, openPage, partText, pickRadio, tapButton, typeInto, withText } from './helpers/phone';
import { useDemoSchool } from './helpers/school';
import { noPrivacySetting, privacyNotAgreedYet, recordActions } from './helpers/wx';

jest.setTimeout(20000);

const school = useDemoSchool();

afterEach(() => {
  noPrivacySetting();
});

/** This Beijing year, so that dates in it are shown without the year. */
const BEIJING_YEAR = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
/** A Beijing wall-clock time as an instant. */
const beijing = (month: number, day: number, hh: number, mm: number) => new Date(Date.UTC(BEIJING_YEAR, month - 1, day, hh - 8, mm));

function entries(page: Rendered) {
  return page.querySelectorAll('.entry').map(nodeText);
}

describe('审计日志 (pages/audit)', () => {
  test('an admin sees a read done before, newest first, with time, who, role, action, child and fields', async () => {
    await school.api('demo-parent', 'children.get', { childId: 'demo-child-01' }, beijing(3, 5, 14, 5));
    await school.api('demo-teacher', 'children.get', { childId: 'demo-child-02' }, beijing(3, 6, 9, 30));

    const page = openPage(school.phone('demo-admin'), 'areas/privacy/pages/audit');
    await waitForText(page, '查看儿童档案');
    const rows = entries(page);
    const parentRead = rows.find((r) => r.includes('3月5日 14:05'));
    expect(parentRead).toBeDefined();
    expect(parentRead).toContain('演示·家长');
    expect(parentRead).toContain('家长');
    expect(parentRead).toContain('查看儿童档案');
    expect(parentRead).toContain('查看'); // the kind
    // the child by name, never by id
    expect(parentRead).toContain('儿童：林小禾');
    expect(parentRead).not.toContain('demo-child-01');
    expect(parentRead).toContain('姓名');
    expect(parentRead).not.toContain('children.get');

    const teacherRead = rows.find((r) => r.includes('3月6日 09:30'));
    expect(teacherRead).toContain('演示·班主任');
    expect(teacherRead).toContain('教师');
    expect(rows.indexOf(teacherRead!)).toBeLessThan(rows.indexOf(parentRead!)); // newest first
  });

  test('filters by child and by person, picked by name; a name in a record filters by it too', async () => {
    await school.api('demo-teacher', 'children.get', { childId: 'demo-child-02' }, beijing(3, 7, 10, 0));
    await school.api('demo-parent', 'children.get', { childId: 'demo-child-01' }, beijing(3, 7, 10, 1));
    const page = openPage(school.phone('demo-admin'), 'areas/privacy/pages/audit', { childId: 'demo-child-02' });
    await waitForText(page, '只看：周子墨');
    let rows = entries(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('儿童：周子墨');
    expect(textOf(page)).not.toContain('demo-child');

    // back to everyone, then the parent picked from the people the log names
    tapButton(page, '.filters__clear');
    await waitFor(page, () => !textOf(page).includes('只看：') && textOf(page).includes('林小禾'), 'the unfiltered list');
    const people = (page.data as { personChoices: { id: string; name: string }[] }).personChoices;
    expect(people[0].name).toBe('全部人员');
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining(['演示·家长', '演示·班主任']));
    page.querySelector('.filter-person')!.dispatchEvent('change', { detail: { value: people.findIndex((p) => p.name === '演示·家长') } });
    await waitForText(page, '只看：演示·家长');
    rows = entries(page);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toContain('演示·家长');
    expect(textOf(page)).not.toContain('演示·班主任');

    // a child's name in a record: that child's records only (and the person filter stays)
    tap(page, '.entry__child');
    await waitForText(page, '只看：林小禾，演示·家长');
    for (const r of entries(page)) expect(r).toContain('儿童：林小禾');
    const children = (page.data as { childChoices: { id: string; name: string }[] }).childChoices;
    expect(children.map((c) => c.name)).toEqual(expect.arrayContaining(['全部儿童', '林小禾', '周子墨']));
    expect(children.some((c) => /demo-/.test(c.name))).toBe(false);

    tapButton(page, '.filters__clear');
    await waitFor(page, () => !textOf(page).includes('只看：') && textOf(page).includes('演示·班主任'), 'the unfiltered list');
  });

  test('加载更多 goes on from `next` until there is no more', async () => {
    for (let i = 0; i < 25; i++) await school.api('demo-guardian', 'children.get', { childId: 'demo-child-02' }, beijing(2, 1, 8, i));
    const page = openPage(school.phone('demo-admin'), 'areas/privacy/pages/audit', { openid: 'demo-guardian' });
    await waitForText(page, '加载更多');
    expect(entries(page)).toHaveLength(20);
    expect(entries(page)[0]).toContain('2月1日 08:24');
    expect(textOf(page)).not.toContain('没有更多了');

    tapButton(page, '.more');
    await waitForText(page, '没有更多了');
    const rows = entries(page);
    expect(rows).toHaveLength(25);
    expect(rows[24]).toContain('2月1日 08:00');
    for (const r of rows) expect(r).toContain('演示·监护人');
    expect(textOf(page)).not.toContain('加载更多');
  });

  test('someone without a nickname is shown as the school knows them, never by OPENID, masked or not; invites are named in Chinese', async () => {
    const openid = 'oAbCdEfGhIjKlMnOpQrStUv12345';
    const invite = await school.api('demo-teacher', 'invites.create', { role: 'parent', childId: 'demo-child-03', relation: '爸爸' });
    await school.api(openid, 'invites.redeem', { code: invite.code });
    await school.api(openid, 'children.get', { childId: 'demo-child-03' });

    const page = openPage(school.phone('demo-admin'), 'areas/privacy/pages/audit', { childId: 'demo-child-03' });
    await waitForText(page, '陈一诺的爸爸');
    const read = entries(page).find((r) => r.includes('查看儿童档案'))!;
    expect(read).toContain('陈一诺的爸爸');
    expect(read).toContain('家长');
    expect(textOf(page)).not.toContain(openid);
    expect(textOf(page)).not.toContain('oAbC****2345');
    // the invite's own entries, by their Chinese names
    expect(textOf(page)).toContain('发出邀请码');
    expect(textOf(page)).toContain('用邀请码绑定身份');
    expect(textOf(page)).not.toContain('invites.');
  });

  test('记录 beside a person on 人员与邀请 opens the log of that person, named', async () => {
    const people = openPage(school.phone('demo-admin'), 'areas/accounts/pages/people');
    await waitForText(people, '林小禾的妈妈');
    const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
    const row = withText(people, '.people-groups >>> .person', '林小禾的妈妈')[0];
    const button = people
      .querySelectorAll('.people-groups >>> .person__audit >>> .t-button')
      .find((b) => (row.dom as HTMLElement).contains(b.dom as HTMLElement))!;
    button.dispatchEvent('tap');
    await waitFor(people, () => navigateTo.mock.calls.length > 0, 'the tap to reach wx.navigateTo');
    const url = (navigateTo.mock.calls[0][0] as { url: string }).url;
    expect(url).toBe('/areas/privacy/pages/audit/index?openid=demo-parent');

    const page = openPage(school.phone('demo-admin'), 'areas/privacy/pages/audit', { openid: 'demo-parent' });
    await waitForText(page, '只看：演示·家长');
    for (const r of entries(page)) expect(r).toContain('演示·家长');
  });

  test('a teacher is told the log is for the school admin', async () => {
    const page = openPage(school.phone('demo-teacher'), 'areas/privacy/pages/audit');
    await waitForText(page, '只有学校管理员可以查看审计日志');
    expect(page.querySelector('.entry')).toBeFalsy();
  });
});

describe('privacy gate (wx.getPrivacySetting)', () => {
  test('shows before any data is loaded, and home loads after agreeing', async () => {
    privacyNotAgreedYet();
    const home = openPage(school.phone('demo-parent'), 'pages/home');
    const { sent } = recordActions();

    await waitForText(home, '隐私保护提示');
    expect(textOf(home)).toContain('《关爱室小程序隐私保护指引》');
    await new Promise((r) => setTimeout(r, 200));
    expect(sent).toEqual([]); // nothing asked of the server yet
    expect(textOf(home)).not.toContain('我的身份');
    expect(textOf(home)).not.toContain('林小禾');

    const agree = home.querySelector('.home >>> .privacy-gate__agree');
    expect(agree).toBeTruthy();
    agree!.dispatchEvent('agreeprivacyauthorization', { detail: { errMsg: 'agreePrivacyAuthorization:ok' } });

    await waitForText(home, '林小禾的妈妈');
    expect(sent).toContain('whoami');
    await waitFor(home, () => !textOf(home).includes('隐私保护提示'), 'the dialog to close');
  });

  test('不同意 keeps the page waiting with a notice, and 查看并同意 shows the dialog again', async () => {
    privacyNotAgreedYet();
    const home = openPage(school.phone('demo-parent'), 'pages/home');
    const { sent } = recordActions();
    await waitForText(home, '隐私保护提示');

    home.querySelector('.home >>> .privacy-gate__decline')!.dispatchEvent('tap');
    await waitForText(home, '您还未同意《关爱室小程序隐私保护指引》，暂时不能查看孩子的信息');
    await waitFor(home, () => !textOf(home).includes('隐私保护提示'), 'the dialog to close');
    expect(sent).toEqual([]);

    tapButton(home, '.home >>> .privacy-gate__reopen');
    await waitForText(home, '隐私保护提示');
    home.querySelector('.home >>> .privacy-gate__agree')!.dispatchEvent('agreeprivacyauthorization', { detail: { errMsg: 'agreePrivacyAuthorization:ok' } });
    await waitForText(home, '家长功能');
    expect(textOf(home)).not.toContain('您还未同意');
  });

  test('no prompt when nothing needs agreeing, when the setting cannot be read, or on an old base library', async () => {
    (wx as unknown as { getPrivacySetting: unknown }).getPrivacySetting = (o: { success(r: unknown): void }) =>
      o.success({ needAuthorization: false, privacyContractName: '《关爱室小程序隐私保护指引》' });
    let home = openPage(school.phone('demo-parent'), 'pages/home');
    await waitForText(home, '家长功能');
    expect(textOf(home)).not.toContain('隐私保护提示');

    (wx as unknown as { getPrivacySetting: unknown }).getPrivacySetting = (o: { fail(e: unknown): void }) => o.fail({ errMsg: 'getPrivacySetting:fail' });
    home = openPage(school.phone('demo-parent'), 'pages/home');
    await waitForText(home, '家长功能');

    noPrivacySetting();
    home = openPage(school.phone('demo-parent'), 'pages/home');
    await waitForText(home, '家长功能');
  });
});

describe('隐私与同意 (pages/privacy)', () => {
  test('a parent reads the notice and records consent for their child in WeChat', async () => {
    const page = openPage(school.phone('demo-parent'), 'areas/privacy/pages/consent');
    await waitForText(page, '关爱室儿童个人信息保护告知书');
    expect(partText(page, '.notice-text')).toContain('未满十四周岁儿童的敏感个人信息');
    expect(partText(page, '.family')).toContain('林小禾的妈妈');
    expect(partText(page, '.family')).toContain('尚未确认');
    expect(page.querySelector('.paper')).toBeFalsy(); // not a teacher

    tapButton(page, '.child__agree');
    await waitForText(page, '已同意');
    expect(partText(page, '.family')).toContain('微信确认同意');
    expect(partText(page, '.family')).not.toContain('尚未确认');
    expect(partText(page, '.message')).toContain('已记录');
    const consent = await school.api('demo-parent', 'consent.get', { childId: 'demo-child-01' });
    expect(consent).toEqual(expect.objectContaining({ status: 'granted', method: 'wechat', by: 'demo-parent' }));

    // and it stays so on the next visit, with a way to withdraw
    const again = openPage(school.phone('demo-parent'), 'areas/privacy/pages/consent');
    await waitForText(again, '已同意');
    expect(partText(again, '.family')).toContain('撤回同意');
  });

  test('a guardian of two children sees each child and may refuse for one', async () => {
    const page = openPage(school.phone('demo-guardian'), 'areas/privacy/pages/consent');
    await waitForText(page, '周子墨的外婆');
    const cards = page.querySelectorAll('.child').map(nodeText);
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain('林小禾的奶奶');

    const zimo = withText(page, '.child', '周子墨的外婆')[0];
    const refuse = page
      .querySelectorAll('.family >>> .t-button')
      .find((n) => (zimo.dom as HTMLElement).contains(n.dom as HTMLElement) && nodeText(n).trim() === '不同意');
    expect(refuse).toBeTruthy();
    refuse!.dispatchEvent('tap');

    await waitFor(page, () => nodeText(withText(page, '.child', '周子墨的外婆')[0]).includes('未同意'), '周子墨 to show 未同意');
    expect(nodeText(withText(page, '.child', '周子墨的外婆')[0])).toContain('微信确认不同意');
    expect(nodeText(withText(page, '.child', '林小禾的奶奶')[0])).not.toContain('未同意');
    expect(partText(page, '.message')).toContain('不同意');
    const consent = await school.api('demo-guardian', 'consent.get', { childId: 'demo-child-02' });
    expect(consent).toEqual(expect.objectContaining({ status: 'refused', method: 'wechat' }));
  });

  test('a teacher records a signed paper consent', async () => {
    const page = openPage(school.phone('demo-teacher'), 'areas/privacy/pages/consent');
    await waitForText(page, '登记纸质同意书');
    expect(page.querySelector('.family')).toBeFalsy();

    tapButton(page, '.paper__open');
    await waitFor(page, () => partText(page, '.field--child').includes('陈一诺'), 'the class children');
    expect(partText(page, '.field--child')).toContain('尚未确认');

    tapButton(page, '.paper__submit');
    await waitForText(page, '请选择孩子');

    pickRadio(page, '.field--child', '陈一诺');
    typeInto(page, '.signer-name', '陈大山');
    tapButton(page, '.paper__submit');
    await waitForText(page, '请填写签字人与孩子的关系');

    typeInto(page, '.signer-relation', '爸爸');
    tapButton(page, '.paper__submit');
    await waitForText(page, '已登记陈一诺的纸质同意书：陈大山（爸爸）同意');
    const consent = await school.api('demo-teacher', 'consent.get', { childId: 'demo-child-03' });
    expect(consent).toEqual(expect.objectContaining({ status: 'granted', method: 'paper', by: '陈大山' }));
    const row = page
      .querySelectorAll('.field--child >>> .t-radio__content')
      .map(nodeText)
      .find((t) => t.includes('陈一诺'));
    expect(row).toContain('已同意');
  });
});
