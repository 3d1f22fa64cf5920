/**
 * Accounts pages (issue #3) under miniprogram-simulate with real TDesign components, against the real emulator
 * (demo school seeded) through the real local transport: 绑定身份 (pages/bind), 我的身份 (pages/roles) with the
 * home page honouring the active identity, and 人员与邀请 (pages/people).
 */
import { startEmulator } from '../helpers/emulator';
import { hashCode } from '../../cloudfunctions/core/codes';
import { textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { api, inputValue, newPhone, nodeText, openPage, partText, pickRadio, tapButton, typeInto, withText } from './helpers/phone';
import { useDemoSchool } from './helpers/school';

jest.setTimeout(20000);

const school = useDemoSchool();

const CODE = /[A-Z2-9]{4}-[A-Z2-9]{4}/;

/** The node matching `selector` inside the first `rowSelector` node whose text includes `rowText`. */
function inRow(page: Rendered, rowSelector: string, rowText: string, selector: string) {
  const row = withText(page, rowSelector, rowText)[0];
  if (!row) throw new Error(`no ${rowSelector} row shows "${rowText}"`);
  const found = page.querySelectorAll(selector).find((t) => (row.dom as HTMLElement).contains(t.dom as HTMLElement));
  if (!found) throw new Error(`no ${selector} in the row "${rowText}"`);
  return found;
}

describe('绑定身份 (pages/bind)', () => {
  test('a new person binds with a code from a mini-program QR, then home shows 家长', async () => {
    const invite = await school.api('demo-teacher', 'invites.create', { role: 'parent', childId: 'demo-child-03', relation: '爸爸' });
    const phone = school.phone('new-dad-by-qr');
    const reLaunch = jest.spyOn(wx, 'reLaunch');

    const bind = openPage(phone, 'pages/bind', { scene: encodeURIComponent(invite.scene) });
    await waitForText(bind, '输入邀请码');
    expect(inputValue(bind, '.code-input')).toBe(invite.code);
    expect(inputValue(bind, '.code-input')).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(textOf(bind)).not.toContain('初始化学校');

    tapButton(bind, '.submit');
    await waitForText(bind, '绑定成功');
    expect(partText(bind, '.done')).toContain('家长');
    expect(partText(bind, '.done')).toContain('陈一诺的爸爸');
    expect(phone.storage.get('careRoom.activeBinding')).toEqual(expect.any(String));

    tapButton(bind, '.home');
    await waitFor(bind, () => reLaunch.mock.calls.length > 0, 'the trip home');
    expect(reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));

    const home = openPage(phone, 'pages/home');
    await waitForText(home, '家长功能');
    expect(partText(home, '.bindings')).toContain('家长');
    expect(partText(home, '.bindings')).toContain('陈一诺的爸爸');
    expect(textOf(home)).not.toContain('还没有身份');
    expect(home.querySelector('.section--teacher')).toBeFalsy();
  });

  test('a typed code is formatted as ABCD-EFGH while typing and redeemed', async () => {
    const invite = await school.api('demo-teacher', 'invites.create', { role: 'guardian', childId: 'demo-child-04', relation: '外公' });
    const phone = school.phone('new-grandpa-typing');
    const bind = openPage(phone, 'pages/bind');
    await waitForText(bind, '输入邀请码');
    expect(inputValue(bind, '.code-input')).toBe('');

    typeInto(bind, '.code-input', ` ${invite.code.replace('-', ' ').toLowerCase()} `);
    await waitFor(bind, () => inputValue(bind, '.code-input') === invite.code, 'the formatted code');

    tapButton(bind, '.submit');
    await waitForText(bind, '绑定成功');
    expect(partText(bind, '.done')).toContain('监护人');
    expect(partText(bind, '.done')).toContain('吴星辰的外公');
    const me = await school.api('new-grandpa-typing', 'whoami', {});
    expect(me.bindings.map((b) => b.label)).toEqual(['吴星辰的外公']);
  });

  test('a wrong code shows the Chinese error with the tries left, then the lock', async () => {
    const phone = school.phone('guessing-person');
    const bind = openPage(phone, 'pages/bind');
    await waitForText(bind, '输入邀请码');

    tapButton(bind, '.submit');
    await waitForText(bind, '请输入邀请码');

    typeInto(bind, '.code-input', 'ZZZZ-ZZZZ');
    tapButton(bind, '.submit');
    await waitForText(bind, '邀请码不正确（还可尝试 4 次）');
    expect(partText(bind, '.code-error')).toBe('邀请码不正确（还可尝试 4 次）');
    expect(textOf(bind)).not.toContain('绑定成功');

    tapButton(bind, '.submit');
    await waitForText(bind, '还可尝试 3 次');
    for (const left of [2, 1]) {
      tapButton(bind, '.submit');
      await waitForText(bind, `还可尝试 ${left} 次`);
    }
    tapButton(bind, '.submit');
    await waitForText(bind, '输错次数过多，已锁定 30 分钟');

    // even the right code is refused while locked
    const invite = await school.api('demo-teacher', 'invites.create', { role: 'student', classId: 'demo-class-3-1' });
    typeInto(bind, '.code-input', invite.code);
    tapButton(bind, '.submit');
    await waitForText(bind, '输错次数过多，请 30 分钟后再试');
    expect((await school.api('guessing-person', 'whoami', {})).bindings).toEqual([]);
  });

  test('a used code and a too short code say so', async () => {
    const invite = await school.api('demo-teacher', 'invites.create', { role: 'student', classId: 'demo-class-3-1' });
    await school.api('first-student', 'invites.redeem', { code: invite.code });

    const bind = openPage(school.phone('second-student'), 'pages/bind', { code: invite.code });
    await waitForText(bind, '输入邀请码');
    tapButton(bind, '.submit');
    await waitForText(bind, '该邀请码已被使用，每个邀请码只能使用一次');

    typeInto(bind, '.code-input', 'ABC');
    tapButton(bind, '.submit');
    await waitForText(bind, '邀请码是 8 位字母或数字');
  });

  test('before the school is set up it offers the bootstrap form, which makes the first admin', async () => {
    const empty = await startEmulator({});
    try {
      await empty.app
        .database()
        .collection('settings')
        .doc('bootstrap')
        .set({ codeHash: hashCode('BOOT2345'), usedAt: null, createdAt: new Date() });
      const phone = newPhone(empty.url, 'first-principal');
      const bind = openPage(phone, 'pages/bind');
      await waitForText(bind, '初始化学校');
      expect(textOf(bind)).toContain('输入邀请码');

      typeInto(bind, '.boot-code', 'WRONG999');
      typeInto(bind, '.school-name', '河湾小学');
      tapButton(bind, '.claim');
      await waitForText(bind, '初始化码不正确（还可尝试 4 次）');

      typeInto(bind, '.boot-code', 'boot-2345');
      tapButton(bind, '.claim');
      await waitForText(bind, '绑定成功');
      expect(partText(bind, '.done')).toContain('管理员');
      expect(partText(bind, '.done')).toContain('河湾小学');
      const me = await api(empty.url, 'first-principal', 'whoami', {});
      expect(me.bindings).toEqual([expect.objectContaining({ role: 'admin', label: '河湾小学' })]);
    } finally {
      await empty.stop();
    }
  }, 30000);
});

describe('我的身份 (pages/roles)', () => {
  test('a person with two roles picks one, home shows only its tiles, and 全部身份 brings both back', async () => {
    const asTeacher = await school.api('demo-admin', 'invites.create', {
      role: 'teacher',
      schoolId: 'demo-school',
      classId: 'demo-class-3-2',
      title: 'head',
    });
    const asParent = await school.api('demo-teacher', 'invites.create', { role: 'parent', childId: 'demo-child-03', relation: '妈妈' });
    await school.api('two-hats', 'invites.redeem', { code: asTeacher.code });
    const parentBinding = await school.api('two-hats', 'invites.redeem', { code: asParent.code });
    const phone = school.phone('two-hats');
    const reLaunch = jest.spyOn(wx, 'reLaunch');

    let home = openPage(phone, 'pages/home');
    await waitForText(home, '教师功能');
    expect(textOf(home)).toContain('家长功能');

    let roles = openPage(phone, 'areas/accounts/pages/roles');
    await waitForText(roles, '切换身份');
    expect(partText(roles, '.current')).toContain('全部身份');
    const list = partText(roles, '.list');
    expect(list).toContain('三年级(2)班 班主任');
    expect(list).toContain('陈一诺的妈妈');
    expect(list).toContain('教师');
    expect(list).toContain('家长');

    const row = withText(roles, '.binding-row', '陈一诺的妈妈')[0];
    expect(row).toBeTruthy();
    row.dispatchEvent('tap');
    await waitFor(roles, () => reLaunch.mock.calls.length > 0, 'the trip home');
    expect(reLaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/home/index' }));
    expect(phone.storage.get('careRoom.activeBinding')).toBe(parentBinding.bindingId);

    home = openPage(phone, 'pages/home');
    await waitForText(home, '家长功能');
    expect(home.querySelector('.section--teacher')).toBeFalsy();
    expect(textOf(home)).not.toContain('教师功能');
    expect(partText(home, '.bindings')).toContain('三年级(2)班 班主任'); // every binding is still listed

    roles = openPage(phone, 'areas/accounts/pages/roles');
    await waitForText(roles, '切换身份');
    expect(partText(roles, '.current')).toContain('家长 · 陈一诺的妈妈');
    withText(roles, '.all-row', '全部身份')[0].dispatchEvent('tap');
    await waitFor(roles, () => !phone.storage.has('careRoom.activeBinding'), 'the active identity to be cleared');

    home = openPage(phone, 'pages/home');
    await waitForText(home, '教师功能');
    expect(textOf(home)).toContain('家长功能');
  });

  test('it links to the bind page, and offers it to someone with no role yet', async () => {
    const navigateTo = jest.spyOn(wx, 'navigateTo');
    const roles = openPage(school.phone('demo-guardian'), 'areas/accounts/pages/roles');
    await waitForText(roles, '切换身份');
    expect(partText(roles, '.list')).toContain('林小禾的奶奶');
    expect(partText(roles, '.list')).toContain('周子墨的外婆');
    tapButton(roles, '.bind-another');
    await waitFor(roles, () => navigateTo.mock.calls.length > 0, 'the tap to reach wx.navigateTo');
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind/index' }));

    const stranger = openPage(school.phone('nobody-yet'), 'areas/accounts/pages/roles');
    await waitForText(stranger, '还没有身份，请输入邀请码绑定');
  });
});

describe('人员与邀请 (pages/people)', () => {
  test('an admin sees people by role, invites a teacher, and the code is shown once', async () => {
    const setClipboardData = jest.spyOn(wx, 'setClipboardData').mockImplementation((o) => {
      o.success?.({ errMsg: 'setClipboardData:ok' });
      return undefined as never;
    });
    const phone = school.phone('demo-admin');
    const page = openPage(phone, 'areas/accounts/pages/people');
    await waitForText(page, '邀请记录');
    expect(partText(page, '.intro')).toContain('青山镇中心小学（演示）');
    expect(partText(page, '.people-groups >>> .group--teacher')).toContain('教师');
    expect(partText(page, '.people-groups >>> .group--teacher')).toContain('演示·班主任');
    expect(partText(page, '.people-groups >>> .group--teacher')).toContain('三年级(1)班 班主任');
    expect(partText(page, '.people-groups >>> .group--parent')).toContain('林小禾的妈妈');
    expect(partText(page, '.people-groups >>> .group--community')).toContain('青山村 儿童主任');
    expect(partText(page, '.people-groups >>> .group--parent')).not.toContain('三年级(1)班 班主任');

    tapButton(page, '.open-invite');
    await waitForText(page, '邀请的身份');
    pickRadio(page, '.invite-form >>> .field--role', '教师');
    await waitFor(page, () => partText(page, '.invite-form >>> .field--class').includes('三年级(2)班'), 'the class list');
    pickRadio(page, '.invite-form >>> .field--class', '三年级(2)班');
    pickRadio(page, '.invite-form >>> .field--title', '班主任');
    tapButton(page, '.invite-form >>> .form-actions__submit');

    await waitForText(page, '新邀请码（只显示这一次）');
    const card = partText(page, '.created');
    const code = CODE.exec(card)?.[0] ?? '';
    expect(code).toMatch(CODE);
    expect(card).toContain('教师 · 三年级(2)班 班主任');
    expect(card).toContain('只能使用一次');
    expect(textOf(page)).not.toContain('邀请的身份'); // the form closed

    tapButton(page, '.created__copy');
    await waitFor(page, () => setClipboardData.mock.calls.length > 0, 'the copy');
    expect(setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: code }));
    await waitForText(page, '邀请码已复制，请发给对方');

    await waitFor(
      page,
      () => withText(page, '.invite-list >>> .invite', '三年级(2)班 班主任').some((n) => nodeText(n).includes('待使用')),
      'the new invite in the list',
    );

    tapButton(page, '.created__done');
    await waitFor(page, () => !textOf(page).includes(code), 'the code to go away');

    const again = openPage(phone, 'areas/accounts/pages/people');
    await waitForText(again, '邀请记录');
    expect(textOf(again)).toContain('三年级(2)班 班主任');
    expect(textOf(again)).not.toContain(code);

    // the code shown is the real one
    const redeemed = await school.api('teacher-from-people-page', 'invites.redeem', { code });
    expect(redeemed).toEqual(expect.objectContaining({ role: 'teacher', label: '三年级(2)班 班主任' }));
  });

  test('an admin revokes an unused invite after confirming', async () => {
    const invite = await school.api('demo-admin', 'invites.create', {
      role: 'community',
      communityId: 'demo-community-hexi',
      label: '河西村网格员',
    });
    const page = openPage(school.phone('demo-admin'), 'areas/accounts/pages/people');
    await waitForText(page, '河西村网格员');

    inRow(page, '.invite-list >>> .invite', '河西村网格员', '.invite-list >>> .invite__revoke >>> .t-button').dispatchEvent('tap');
    await waitFor(page, () => (page.instance.data as { confirm: { visible: boolean } }).confirm.visible, 'the confirm dialog');
    expect(textOf(page)).toContain('确定撤销“河西村网格员”的邀请码吗？');
    page.querySelector('.confirm >>> .dialog-btn--ok >>> .t-button')!.dispatchEvent('tap');

    await waitForText(page, '邀请已撤销');
    await waitFor(page, () => nodeText(withText(page, '.invite-list >>> .invite', '河西村网格员')[0]).includes('已撤销'), 'the invite to show 已撤销');
    expect(page.querySelector('.invite-list >>> .invite--revoked')).toBeTruthy();
    await expect(school.api('would-be-worker', 'invites.redeem', { code: invite.code })).rejects.toThrow('该邀请码已被撤销');
  });

  test('an admin removes a person after confirming in the dialog (cancel keeps them)', async () => {
    const invite = await school.api('demo-teacher', 'invites.create', { role: 'parent', childId: 'demo-child-02', relation: '舅舅' });
    await school.api('uncle-to-remove', 'invites.redeem', { code: invite.code });
    const page = openPage(school.phone('demo-admin'), 'areas/accounts/pages/people');
    await waitForText(page, '周子墨的舅舅');
    const visible = () => (page.instance.data as { confirm: { visible: boolean } }).confirm.visible;

    inRow(page, '.people-groups >>> .person', '周子墨的舅舅', '.people-groups >>> .person__revoke >>> .t-button').dispatchEvent('tap');
    await waitFor(page, visible, 'the confirm dialog');
    expect(textOf(page)).toContain('移除身份');
    expect(textOf(page)).toContain('的家长身份（周子墨的舅舅）吗？');
    page.querySelector('.confirm >>> .dialog-btn--cancel >>> .t-button')!.dispatchEvent('tap');
    await waitFor(page, () => !visible(), 'the dialog to close');
    expect(partText(page, '.people-groups >>> .group--parent')).toContain('周子墨的舅舅');

    inRow(page, '.people-groups >>> .person', '周子墨的舅舅', '.people-groups >>> .person__revoke >>> .t-button').dispatchEvent('tap');
    await waitFor(page, visible, 'the confirm dialog again');
    page.querySelector('.confirm >>> .dialog-btn--ok >>> .t-button')!.dispatchEvent('tap');
    await waitForText(page, '已移除：周子墨的舅舅');
    expect(partText(page, '.people-groups >>> .group--parent')).not.toContain('周子墨的舅舅');
    expect(partText(page, '.people-groups >>> .group--parent')).toContain('林小禾的妈妈');
    expect((await school.api('uncle-to-remove', 'whoami', {})).bindings).toEqual([]);
  });

  test('a teacher invites a parent of a child picked from the class list', async () => {
    const page = openPage(school.phone('demo-teacher'), 'areas/accounts/pages/people');
    await waitForText(page, '邀请记录');
    expect(partText(page, '.intro')).toContain('三年级(1)班');
    expect(partText(page, '.people-groups >>> .group--parent')).toContain('林小禾的妈妈');
    expect(page.querySelector('.people-groups >>> .group--admin')).toBeFalsy(); // only the class's people

    tapButton(page, '.open-invite');
    await waitForText(page, '邀请的身份');
    const roles = page.querySelectorAll('.invite-form >>> .field--role >>> .t-radio__content').map((n) => nodeText(n).trim());
    expect(roles).toEqual(['家长', '监护人', '学生']);

    pickRadio(page, '.invite-form >>> .field--role', '家长');
    await waitFor(page, () => partText(page, '.invite-form >>> .field--child').includes('吴星辰'), 'the class children');
    expect(partText(page, '.invite-form >>> .field--child')).toContain('林小禾');
    pickRadio(page, '.invite-form >>> .field--child', '吴星辰');

    tapButton(page, '.invite-form >>> .form-actions__submit');
    await waitForText(page, '请填写与孩子的关系，如：爸爸');
    expect(textOf(page)).not.toContain('新邀请码');

    typeInto(page, '.relation-input', '爷爷');
    tapButton(page, '.invite-form >>> .form-actions__submit');
    await waitForText(page, '新邀请码（只显示这一次）');
    expect(partText(page, '.created')).toContain('家长 · 吴星辰的爷爷');
    const code = CODE.exec(partText(page, '.created'))?.[0] ?? '';
    const redeemed = await school.api('grandpa-wu', 'invites.redeem', { code });
    expect(redeemed).toEqual(expect.objectContaining({ role: 'parent', label: '吴星辰的爷爷' }));
  });

  test("a big school's people come a page at a time: scrolling to the bottom loads the next page", async () => {
    // A school of its own with 130 families, all given their role in one import (one instant).
    const db = school.db();
    const at = new Date('2026-09-01T08:00:00+08:00');
    const scope = { schoolId: 'paging-school', classId: null, childId: null, communityId: null, createdAt: at, revokedAt: null };
    await db.collection('schools').add({ _id: 'paging-school', name: '翻页小学', createdAt: at });
    await db.collection('bindings').add([
      { ...scope, openid: 'paging-admin', role: 'admin', label: '翻页小学' },
      ...Array.from({ length: 130 }, (_, i) => ({
        ...scope,
        openid: `paging-parent-${i}`,
        role: 'parent',
        childId: `paging-child-${i}`,
        label: `第${i + 1}个孩子的妈妈`,
      })),
    ]);
    const page = openPage(school.phone('paging-admin'), 'areas/accounts/pages/people');
    await waitForText(page, '邀请记录');
    expect(partText(page, '.intro')).toContain('共 131 个身份');
    const shown = () => page.querySelectorAll('.people-groups >>> .person').length;
    expect(shown()).toBe(100);
    expect(textOf(page)).toContain('加载更多');
    expect(textOf(page)).not.toContain('没有更多了');

    (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
    await waitForText(page, '没有更多了');
    expect(shown()).toBe(131);
    const names = page.querySelectorAll('.people-groups >>> .person').map((n) => nodeText(n));
    for (const i of [0, 99, 100, 129]) expect(names.filter((t) => t.includes(`第${i + 1}个孩子的妈妈`))).toHaveLength(1);
    expect(textOf(page)).not.toContain('加载更多');
  });

  test('a parent is told the page is for admins and teachers', async () => {
    const page = openPage(school.phone('demo-parent'), 'areas/accounts/pages/people');
    await waitForText(page, '只有管理员和班主任可以管理人员与邀请');
    expect(textOf(page)).not.toContain('邀请记录');
  });
});
