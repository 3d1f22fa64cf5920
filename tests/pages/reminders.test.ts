/**
 * 提醒设置 (pages/reminders) under miniprogram-simulate with real TDesign components, calling the real emulator
 * through the local transport; WeChat's consent dialog (wx.requestSubscribeMessage) is the one stand-in.
 */
import { remind } from '../../cloudfunctions/core/reminders';
import { configureScheduleTemplate, reminder, TEMPLATE_ID } from './helpers/reminders';
import { useDemoSchool } from './helpers/school';
import { openPage } from './helpers/phone';
import { tap, textOf, waitFor, waitForText, type Rendered } from './helpers/render';

const school = useDemoSchool(() => configureScheduleTemplate(school));

const open = (name: string, openid: string): Rendered => openPage(school.phone(openid), name);

describe('提醒设置', () => {
  test('shows my templates and quiet hours; 订阅 asks WeChat and the server counts the accept', async () => {
    const ask = jest.fn((opts: WechatMiniprogram.RequestSubscribeMessageOption) => {
      opts.success?.({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_ID]: 'accept' } as never);
    });
    (wx as unknown as Record<string, unknown>).requestSubscribeMessage = ask;
    await remind(school.db(), [reminder('demo-guardian', 1, 5)], new Date());
    const page = open('areas/reminders/pages/settings', 'demo-guardian');
    await waitForText(page, '我会收到的微信提醒');
    const schedule = () => (page.querySelector('.template--schedule')!.dom as HTMLElement).textContent ?? '';
    expect(schedule()).toContain('日程提醒');
    expect(schedule()).toContain('未订阅');
    expect((page.querySelector('.template--birthday')!.dom as HTMLElement).textContent).toContain('仅在消息中心提醒');
    expect(textOf(page)).toContain('监护人：22:00–次日 07:00');
    // which reminders a one-time 允许 is spent on, as the server's rule says it
    const use = (await school.api('demo-guardian', 'reminders.mine', {})).subscriptionUse;
    const stated = (page.querySelector('.subscription-use')!.dom as HTMLElement).textContent ?? '';
    expect(use.kinds.length).toBeGreaterThan(0);
    for (const k of use.kinds) expect(stated).toContain(k.label);
    expect(stated).toContain(use.note);
    const recent = (page.querySelector('.recent')!.dom as HTMLElement).textContent ?? '';
    expect(recent).toContain('亲情视频提醒1');
    expect(recent).toContain('待发送');

    tap(page, '.subscribe >>> .t-button');
    await waitFor(page, () => ask.mock.calls.length > 0, 'wx.requestSubscribeMessage');
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [TEMPLATE_ID] }));
    await waitFor(page, () => schedule().includes('剩余 1 次'), '剩余 1 次');
    expect(schedule()).toContain('再次订阅');

    tap(page, '.subscribe >>> .t-button');
    await waitFor(page, () => schedule().includes('剩余 2 次'), '剩余 2 次');
    const mine = await school.answer('demo-guardian', 'reminders.mine', {});
    expect(mine.ok && mine.data.templates[0]).toMatchObject({ key: 'schedule', remaining: 2 });
  });

  test('a user who declines: nothing is counted and the page says reminders still reach the inbox', async () => {
    (wx as unknown as Record<string, unknown>).requestSubscribeMessage = (opts: WechatMiniprogram.RequestSubscribeMessageOption) =>
      opts.success?.({ errMsg: 'requestSubscribeMessage:ok', [TEMPLATE_ID]: 'reject' } as never);
    const toast = jest.spyOn(wx, 'showToast');
    const page = open('areas/reminders/pages/settings', 'demo-parent');
    await waitForText(page, '日程提醒');
    tap(page, '.subscribe >>> .t-button');
    await waitFor(page, () => toast.mock.calls.length > 0, 'a toast');
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '未订阅，提醒仍会进消息中心' }));
    expect((page.querySelector('.template--schedule')!.dom as HTMLElement).textContent).toContain('未订阅');
    toast.mockRestore();
  });
});
