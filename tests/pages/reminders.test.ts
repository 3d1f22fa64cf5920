/**
 * 提醒设置 (pages/reminders) under miniprogram-simulate with real TDesign components, calling the real emulator
 * through the local transport; WeChat's consent dialog (wx.requestSubscribeMessage) is the one stand-in.
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

describe('提醒设置', () => {
  test('shows my templates and quiet hours; 订阅 asks WeChat and the server counts the accept', async () => {
    const ask = jest.fn((opts: WechatMiniprogram.RequestSubscribeMessageOption) => {
      opts.success?.({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_ID]: 'accept' } as never);
    });
    (wx as unknown as Record<string, unknown>).requestSubscribeMessage = ask;
    await remind(emu.app.database(), [reminder('demo-guardian', 1, 5)], new Date());
    const page = open('reminders', 'demo-guardian');
    await waitForText(page, '我会收到的微信提醒');
    const schedule = () => (page.querySelector('.template--schedule')!.dom as HTMLElement).textContent ?? '';
    expect(schedule()).toContain('日程提醒');
    expect(schedule()).toContain('未订阅');
    expect((page.querySelector('.template--birthday')!.dom as HTMLElement).textContent).toContain('仅在消息中心提醒');
    expect(textOf(page)).toContain('监护人：22:00–次日 07:00');
    const recent = (page.querySelector('.recent')!.dom as HTMLElement).textContent ?? '';
    expect(recent).toContain('亲情视频提醒1');
    expect(recent).toContain('待发送');

    tap(page, '.subscribe');
    await waitFor(page, () => ask.mock.calls.length > 0, 'wx.requestSubscribeMessage');
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [TEMPLATE_ID] }));
    await waitFor(page, () => schedule().includes('剩余 1 次'), '剩余 1 次');
    expect(schedule()).toContain('再次订阅');

    tap(page, '.subscribe');
    await waitFor(page, () => schedule().includes('剩余 2 次'), '剩余 2 次');
    const mine = await api('demo-guardian', 'reminders.mine', {});
    expect(mine.ok && mine.data.templates[0]).toMatchObject({ key: 'schedule', remaining: 2 });
  });

  test('a user who declines: nothing is counted and the page says reminders still reach the inbox', async () => {
    (wx as unknown as Record<string, unknown>).requestSubscribeMessage = (opts: WechatMiniprogram.RequestSubscribeMessageOption) =>
      opts.success?.({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_ID]: 'reject' } as never);
    const toast = jest.spyOn(wx, 'showToast');
    const page = open('reminders', 'demo-parent');
    await waitForText(page, '日程提醒');
    tap(page, '.subscribe');
    await waitFor(page, () => toast.mock.calls.length > 0, 'a toast');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '未订阅，提醒仍会进消息中心' }));
    expect((page.querySelector('.template--schedule')!.dom as HTMLElement).textContent).toContain('未订阅');
    toast.mockRestore();
  });
});
