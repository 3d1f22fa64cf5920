/**
 * 消息中心 (pages/inbox) under miniprogram-simulate with real TDesign components, calling the real emulator
 * through the local transport. Reminders are put in with the engine's own API.
 * (One page per test file: jest keeps TDesign's modules cached, so a second page sharing them cannot register.)
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { installLocalTransport } from './helpers/local';
import { renderPage, tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';
import { remind, type ReminderDraft } from '../../cloudfunctions/core/reminders';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { ApiResponse } from '../../typings/errors';

let emu: TestEmulator;
const TEMPLATE_ID = 'TPL_SCHEDULE_PAGES';

/** The api function as a caller, invoked in-process (jsdom has no fetch for env.api). */
async function api<A extends ActionName>(openid: string, action: A, input: ActionInput<A>): Promise<ApiResponse<ActionOutput<A>>> {
  const inv = await emu.emulator.functions.invoke('api', { action, input }, { openid });
  return inv.result as never;
}

beforeAll(async () => {
  emu = await startEmulator({ seedDemo: true });
  const res = await api('demo-admin', 'reminders.configure', { templates: { schedule: { id: TEMPLATE_ID, fields: { thing1: 'title', time2: 'time' } } } });
  if (!res.ok) throw new Error(res.error.message);
}, 60000);

afterAll(async () => {
  await emu?.stop();
});

function reminder(to: string, n: number, minutesAgo: number): ReminderDraft {
  return {
    kind: 'familyCall.upcoming',
    to,
    role: 'parent',
    subject: `call-${n}`,
    occurrence: '2027-03-05',
    template: 'schedule',
    fields: { title: '亲情视频', time: new Date() },
    title: `亲情视频提醒${n}`,
    body: `第 ${n} 次视频通话的提醒`,
    page: `pages/family-calls/index?id=call-${n}`,
    at: new Date(Date.now() - minutesAgo * 60000),
  };
}

function open(name: string, openid: string): Rendered {
  installLocalTransport({ baseUrl: emu.url, openid });
  return renderPage(name);
}

const itemsText = (page: Rendered) => page.querySelectorAll('.item').map((n) => (n.dom as HTMLElement).textContent ?? '');

describe('消息中心', () => {
  test('lists my messages newest first with the unread count; tapping one marks it read and opens its page', async () => {
    await remind(emu.app.database(), [reminder('inbox-p1', 1, 30), reminder('inbox-p1', 2, 20), reminder('inbox-p1', 3, 10), reminder('someone-else', 9, 5)], new Date());
    const navigateTo = jest.spyOn(wx, 'navigateTo');
    const page = open('inbox', 'inbox-p1');
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
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/family-calls/index?id=call-3' }));
    await waitForText(page, '2 条未读');
    expect(page.querySelectorAll('.item--unread')).toHaveLength(2);
    // the server agrees
    let server = await api('inbox-p1', 'inbox.list', {});
    for (let i = 0; i < 50 && server.ok && server.data.unread !== 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      server = await api('inbox-p1', 'inbox.list', {});
    }
    expect(server.ok && server.data.items.map((i) => i.read)).toEqual([true, false, false]);
    navigateTo.mockRestore();
  });

  test('全部标为已读 clears the count here and on the server', async () => {
    await remind(emu.app.database(), [reminder('inbox-p2', 1, 3), reminder('inbox-p2', 2, 2)], new Date());
    const page = open('inbox', 'inbox-p2');
    await waitForText(page, '2 条未读');
    tap(page, '.read-all >>> .t-button');
    await waitForText(page, '没有未读消息');
    expect(page.querySelectorAll('.item--unread')).toHaveLength(0);
    const server = await api('inbox-p2', 'inbox.list', {});
    expect(server).toMatchObject({ ok: true, data: { unread: 0 } });
  });

  test('more than a page: 加载更多 appends the rest', async () => {
    await remind(emu.app.database(), Array.from({ length: 25 }, (_, i) => reminder('inbox-p3', i, 100 - i)), new Date());
    const page = open('inbox', 'inbox-p3');
    await waitForText(page, '25 条未读');
    expect(itemsText(page)).toHaveLength(20);
    tap(page, '.more >>> .t-button');
    await waitFor(page, () => itemsText(page).length === 25, '25 items');
    expect(textOf(page)).not.toContain('加载更多');
    expect(itemsText(page)[24]).toContain('亲情视频提醒0');
  });

  test('nobody has written to me yet: 暂无消息', async () => {
    const page = open('inbox', 'inbox-nobody');
    await waitForText(page, '暂无消息');
    expect(textOf(page)).toContain('没有未读消息');
  });
});
