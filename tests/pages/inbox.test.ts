/**
 * 消息中心 (pages/inbox) under miniprogram-simulate with real TDesign components, calling the real emulator
 * through the local transport. Reminders are put in with the engine's own API.
 */
import { remind } from '../../cloudfunctions/core/reminders';
import { configureScheduleTemplate, reminder } from './helpers/reminders';
import { useDemoSchool } from './helpers/school';
import { openPage } from './helpers/phone';
import { tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';

// the page, the emulator and the functions share one process; a loaded machine takes seconds per step
jest.setTimeout(30000);

const school = useDemoSchool(() => configureScheduleTemplate(school));

const open = (name: string, openid: string): Rendered => openPage(school.phone(openid), name);

const itemsText = (page: Rendered) => page.querySelectorAll('.item').map((n) => (n.dom as HTMLElement).textContent ?? '');

describe('消息中心', () => {
  test('lists my messages newest first with the unread count; tapping one marks it read and opens its page', async () => {
    await remind(
      school.db(),
      [reminder('inbox-p1', 1, 30), reminder('inbox-p1', 2, 20), reminder('inbox-p1', 3, 10), reminder('someone-else', 9, 5)],
      new Date(),
    );
    const navigateTo = jest.spyOn(wx, 'navigateTo');
    const page = open('pages/inbox', 'inbox-p1');
    expect(textOf(page)).toContain('正在加载');
    await waitForText(page, '3 条未读');

    const items = itemsText(page);
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('亲情视频提醒3');
    expect(items[0]).toContain('第 3 次视频通话的提醒');
    expect(items[2]).toContain('亲情视频提醒1');
    expect(textOf(page)).not.toContain('亲情视频提醒9');
    expect(page.querySelectorAll('.item--unread')).toHaveLength(3);

    tap(page, '.item');
    await waitFor(page, () => navigateTo.mock.calls.length > 0, 'navigateTo');
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/areas/family-calls/pages/week/index?id=call-3' }));
    await waitForText(page, '2 条未读');
    expect(page.querySelectorAll('.item--unread')).toHaveLength(2);
    // the server agrees
    let server = await school.answer('inbox-p1', 'inbox.list', {});
    for (let i = 0; i < 50 && server.ok && server.data.unread !== 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      server = await school.answer('inbox-p1', 'inbox.list', {});
    }
    expect(server.ok && server.data.items.map((i) => i.read)).toEqual([true, false, false]);
    navigateTo.mockRestore();
  });

  test('全部标为已读 clears the count here and on the server', async () => {
    await remind(school.db(), [reminder('inbox-p2', 1, 3), reminder('inbox-p2', 2, 2)], new Date());
    const page = open('pages/inbox', 'inbox-p2');
    await waitForText(page, '2 条未读');
    tap(page, '.read-all >>> .t-button');
    await waitForText(page, '没有未读消息');
    expect(page.querySelectorAll('.item--unread')).toHaveLength(0);
    const server = await school.answer('inbox-p2', 'inbox.list', {});
    expect(server).toMatchObject({ ok: true, data: { unread: 0 } });
  });

  test('more than a page: 加载更多 appends the rest', async () => {
    await remind(
      school.db(),
      Array.from({ length: 25 }, (_, i) => reminder('inbox-p3', i, 100 - i)),
      new Date(),
    );
    const page = open('pages/inbox', 'inbox-p3');
    await waitForText(page, '25 条未读');
    expect(itemsText(page)).toHaveLength(20);
    tap(page, '.more >>> .t-button');
    await waitFor(page, () => itemsText(page).length === 25, '25 items');
    expect(textOf(page)).not.toContain('加载更多');
    expect(itemsText(page)[24]).toContain('亲情视频提醒0');
  });

  test('nobody has written to me yet: 暂无消息', async () => {
    const page = open('pages/inbox', 'inbox-nobody');
    await waitForText(page, '暂无消息');
    expect(textOf(page)).toContain('没有未读消息');
  });
});
