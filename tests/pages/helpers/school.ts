/**
 * The set-up every page-test file shares: one real emulator with the demo school seeded, for the whole file, the
 * jest spies of each test restored after it, and shorthands bound to that emulator. Call it at the top of the file:
 *
 *   const school = useDemoSchool(async () => { ...the file's own data... });
 *   const page = openPage(school.phone('demo-teacher'), 'roster');
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type TestEmulator } from '../../helpers/emulator';
import { api, apiAnswer, newPhone, type Phone } from './phone';
import { requestsSettled } from './wx-request';
import type { ActionInput, ActionName, ActionOutput } from '../../../typings/actions';
import type { ApiResponse } from '../../../typings/errors';

export interface DemoSchool {
  /** The running emulator (from the file's beforeAll on). */
  readonly emu: TestEmulator;
  /** A new phone acting as `openid` against this emulator. */
  phone(openid: string): Phone;
  /** Call the api function as `openid` (setting up data, checking what a page did); throws on an error answer. */
  api<A extends ActionName>(openid: string, action: A, input: ActionInput<A>, now?: Date): Promise<ActionOutput<A>>;
  /** The api function's whole answer as `openid` (at `now`, default the clock), {ok: true, data} or {ok: false, error}. */
  answer<A extends ActionName>(openid: string, action: A, input: ActionInput<A>, now?: Date): Promise<ApiResponse<ActionOutput<A>>>;
  /** The database through the real SDK. */
  db(): ReturnType<TestEmulator['app']['database']>;
}

/** Registers the file's hooks; `prepare` runs once the demo school is seeded, for the data the file adds. */
export function useDemoSchool(prepare?: () => Promise<void>): DemoSchool {
  let running: TestEmulator | undefined;
  // The file owns the data dir (not the emulator), so a test may stop and restart the emulator on the same data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-pages-'));
  const school: DemoSchool = {
    get emu() {
      if (!running) throw new Error('the emulator starts in beforeAll');
      return running;
    },
    phone: (openid) => newPhone(school.emu.url, openid),
    api: (openid, action, input, now) => api(school.emu.url, openid, action, input, now),
    answer: (openid, action, input, now) => apiAnswer(school.emu.url, openid, action, input, now),
    db: () => school.emu.app.database(),
  };

  beforeAll(async () => {
    running = await startEmulator({ dataDir, seedDemo: true });
    await prepare?.();
  }, 60000);

  afterAll(async () => {
    // A page may have fired a call it does not wait for (e.g. prefetching templates): let it finish first.
    await requestsSettled();
    await running?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  return school;
}
