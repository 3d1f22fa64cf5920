/**
 * The timer service on real time (as under npm start): each function's config.json triggers fire by themselves,
 * as CloudBase would call them: no user identity, the fire time in the event.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FunctionHost } from '../../emulator/functions/host';
import { TimerService } from '../../emulator/timers';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-timers-'));
  fs.mkdirSync(path.join(dir, 'tick'));
  fs.writeFileSync(
    path.join(dir, 'tick', 'config.json'),
    JSON.stringify({ timeout: 5, triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }),
  );
  // A tiny function that records what it was called with.
  fs.writeFileSync(
    path.join(dir, 'tick', 'index.js'),
    `exports.main = async (event, context) => {
      const env = JSON.parse(context.environment);
      require('fs').appendFileSync(__dirname + '/calls.log', JSON.stringify({ event, openid: env.WX_OPENID || null }) + '\\n');
      return { ok: true };
    };`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('an invocation that runs past its config.json timeout is ended with a clear error, as CloudBase does', async () => {
  fs.mkdirSync(path.join(dir, 'slow'));
  fs.writeFileSync(path.join(dir, 'slow', 'config.json'), JSON.stringify({ timeout: 1 }));
  fs.writeFileSync(path.join(dir, 'slow', 'index.js'), 'exports.main = () => new Promise((r) => setTimeout(() => r({ ok: true }), 3000));');
  const host = new FunctionHost(dir, () => 'http://127.0.0.1:9/admin');
  // Had it not been ended, it would have answered { ok: true } after 3 s.
  await expect(host.invoke('slow', {})).rejects.toThrow('云函数 slow 执行超时（1 秒）');
});

test('a trigger fires on its own while the service runs, with the fire time and no identity; stop() stops it', async () => {
  const timers = new TimerService(new FunctionHost(dir, () => 'http://127.0.0.1:9/admin'));
  expect(timers.triggers()).toEqual([{ functionName: 'tick', name: 'everySecond', cron: '* * * * * * *' }]);
  const log = path.join(dir, 'tick', 'calls.log');
  const calls = () =>
    fs.existsSync(log)
      ? fs
          .readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l))
      : [];
  timers.start();
  const deadline = Date.now() + 10000;
  while (calls().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  timers.stop();
  const seen = calls();
  expect(seen.length).toBeGreaterThanOrEqual(2);
  for (const c of seen) {
    expect(c.openid).toBeNull();
    expect(c.event).toMatchObject({ Type: 'Timer', TriggerName: 'everySecond' });
    expect(new Date(c.event.Time).getMilliseconds()).toBe(0);
  }
  // A fire already under way when stop() came may still finish; after that, nothing more.
  await new Promise((r) => setTimeout(r, 200));
  const after = calls().length;
  await new Promise((r) => setTimeout(r, 1500));
  expect(calls().length).toBe(after);
}, 20000);
