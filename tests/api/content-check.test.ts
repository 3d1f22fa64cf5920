/**
 * Content security through the real SDK's callWxOpenApi into the emulator's stand-in for WeChat (a local word list,
 * emulator/wxapi/secCheck.ts): the verdicts, long texts in pieces, and WeChat's own refusals of a bad request.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { checkText, MAX_CHECK_CHARS } from '../../cloudfunctions/core/contentCheck';

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator();
});
afterAll(() => env.stop());

const ask = (content: string) => checkText(env.app, { openid: 'student-1', scene: 'comment', content });

test('a kind text passes, a word for review sends it to review, a risky word is risky', async () => {
  expect(await ask('祝你生日快乐，天天开心！')).toBe('pass');
  expect(await ask('你这个笨蛋，生日快乐')).toBe('review');
  expect(await ask('加微信领红包，生日快乐')).toBe('risky');
  // risky wins over review
  expect(await ask('笨蛋，加微信领红包')).toBe('risky');
});

test('a text longer than WeChat takes in one call is checked in pieces, and a risky end is still found', async () => {
  const long = '生日快乐'.repeat(MAX_CHECK_CHARS / 4) + '赌博';
  expect([...long].length).toBeGreaterThan(MAX_CHECK_CHARS);
  expect(await ask(long)).toBe('risky');
  expect(await ask('生日快乐'.repeat(MAX_CHECK_CHARS))).toBe('pass');
});

test('what WeChat itself answers: errcode 0 with result.suggest, and errcodes for a malformed request', async () => {
  const call = async (requestData: Record<string, unknown>) => {
    const res = (await env.app.callWxOpenApi({ apiName: '/wxa/msg_sec_check', requestData })) as { result?: unknown };
    return (typeof res.result === 'string' ? JSON.parse(res.result) : res.result) as Record<string, unknown>;
  };
  expect(await call({ content: '刷单', version: 2, scene: 2, openid: 'o1' })).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 20008 } });
  expect(await call({ content: '你好', version: 2, scene: 2, openid: 'o1' })).toMatchObject({
    errcode: 0,
    result: { suggest: 'pass', label: 100 },
    detail: [],
  });
  expect(await call({ content: '你好', scene: 2, openid: 'o1' })).toMatchObject({ errcode: 47001 });
  expect(await call({ content: '你好', version: 2, scene: 9, openid: 'o1' })).toMatchObject({ errcode: 47001 });
  expect(await call({ content: '你好', version: 2, scene: 2 })).toMatchObject({ errcode: 40003 });
  expect(await call({ content: '好'.repeat(MAX_CHECK_CHARS + 1), version: 2, scene: 2, openid: 'o1' })).toMatchObject({ errcode: 87015 });
});

test('when WeChat gives no verdict the text goes to review, never published on trust', async () => {
  // An openid WeChat refuses (40003) stands for any errcode.
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  expect(await checkText(env.app, { openid: '', scene: 'comment', content: '你好' })).toBe('review');
  expect(warn).toHaveBeenCalledWith('[contentCheck] WeChat did not give a verdict', 40003);
  warn.mockRestore();
});
