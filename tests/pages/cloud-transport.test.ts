/**
 * The production transport (services/transport.ts cloudTransport): pages reach the api function through
 * wx.cloud.callFunction. WeChat's client runtime cannot run here, so a stand-in of wx.cloud forwards each call to
 * the emulator's function host as the cloud would (the caller's OPENID from their WeChat session, the function's
 * answer as `result`), and fails the way wx.cloud fails when the call cannot be made.
 */
import { call, CallError, NETWORK_MESSAGE } from '../../miniprogram/services/api';
import { cloudTransport, setTransport } from '../../miniprogram/services/transport';
import { CLOUD_ENV } from '../../miniprogram/config';
import { useDemoSchool } from './helpers/school';
import { httpRequest } from './helpers/wx-request';

jest.setTimeout(30000);

const school = useDemoSchool();

type CallOptions = { name: string; data: unknown; success: (res: { result: unknown; errMsg: string }) => void; fail: (err: { errMsg: string }) => void };

/** wx.cloud as the base library has it, calling the emulator's functions as the WeChat user `openid`. */
function cloudStandIn(openid: string, opts: { down?: boolean } = {}) {
  const calls: { name: string; data: unknown }[] = [];
  const init = jest.fn();
  const cloud = {
    init,
    callFunction({ name, data, success, fail }: CallOptions) {
      calls.push({ name, data });
      if (opts.down) return void setTimeout(() => fail({ errMsg: 'cloud.callFunction:fail Error: errCode: -404011 cloud function execution error' }), 0);
      // the caller's OPENID comes from their WeChat session, never from the page: here, the emulator's x-openid
      httpRequest({
        url: `${school.emu.url}/functions/${name}`,
        method: 'POST',
        data: data as WechatMiniprogram.IAnyObject,
        header: { 'x-openid': openid },
        success: (res) => success({ result: res.data, errMsg: 'cloud.callFunction:ok' }),
        fail: (err) => fail({ errMsg: `cloud.callFunction:fail ${err.errMsg}` }),
      });
    },
  };
  (wx as unknown as { cloud: unknown }).cloud = cloud;
  return { calls, init };
}

afterEach(() => {
  setTransport(null);
  delete (wx as unknown as { cloud?: unknown }).cloud;
});

test('a page call goes to the api function through wx.cloud.callFunction and comes back typed', async () => {
  const standIn = cloudStandIn('demo-parent');
  setTransport(cloudTransport);
  const me = await call('whoami', {});
  expect(me.bindings).toEqual(expect.arrayContaining([expect.objectContaining({ role: 'parent', label: '林小禾的妈妈' })]));
  const detail = await call('children.get', { childId: 'demo-child-01' });
  expect(detail.child).toMatchObject({ name: '林小禾' });
  expect(standIn.calls).toEqual([
    { name: 'api', data: { action: 'whoami', input: {} } },
    { name: 'api', data: { action: 'children.get', input: { childId: 'demo-child-01' } } },
  ]);
  // wx.cloud.init ran once, with the configured environment
  expect(standIn.init).toHaveBeenCalledTimes(1);
  expect(standIn.init).toHaveBeenCalledWith({ env: CLOUD_ENV, traceUser: true });
});

test("the function's refusal arrives as a CallError with its code and Chinese message", async () => {
  cloudStandIn('demo-parent');
  setTransport(cloudTransport);
  const refused = await call('children.get', { childId: 'demo-child-06' }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(CallError);
  expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
});

test('a call that cannot be made (callFunction fails, or no wx.cloud) is a NETWORK error with the Chinese message', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  cloudStandIn('demo-parent', { down: true });
  setTransport(cloudTransport);
  await expect(call('whoami', {})).rejects.toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE });
  delete (wx as unknown as { cloud?: unknown }).cloud;
  await expect(call('whoami', {})).rejects.toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE });
  warn.mockRestore();
});
