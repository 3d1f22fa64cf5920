/**
 * Starts a real emulator (HTTP server + SQLite in a temp dir) for a test file, and a real SDK app pointed at it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator as start, type Emulator } from '../../emulator/server';
import { credentialsFromEnv, type Credentials } from '../../emulator/signature';
import { seedDemo as seed } from '../../scripts/demo-data';
import type { ApiResponse } from '../../typings/errors';
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';

export interface TestEmulator {
  url: string;
  port: number;
  dataDir: string;
  /** A @cloudbase/node-sdk app pointed at this emulator (as a trusted server would use it). */
  app: ReturnType<typeof tcb.init>;
  emulator: Emulator;
  stop(): Promise<void>;
  /** Stop and start again on the same data dir and port. */
  restart(): Promise<void>;
  /**
   * POST /functions/<name> over HTTP as the given caller; returns the function's result, its db requests and their
   * depth (x-db-requests, x-db-depth: the longest chain of requests that waited on each other) and the answer's bytes.
   */
  callFunction<T = unknown>(
    name: string,
    event: unknown,
    caller?: { openid?: string; now?: Date },
  ): Promise<{ result: T; dbRequests: number; dbDepth: number; bytes: number; status: number }>;
  /** Shorthand for the api function: returns the {ok,data}|{ok:false,error} envelope. */
  api<A extends ActionName>(
    openid: string | undefined,
    action: A,
    input: ActionInput<A> | Record<string, unknown>,
    now?: Date,
  ): Promise<ApiResponse<ActionOutput<A>>>;
}

/** The SDK pointed at an emulator, signing with its keys (EMULATOR_SECRET_ID/KEY, else local/local, as the emulator takes them). */
export function sdkApp(url: string, keys: Credentials = credentialsFromEnv()) {
  return tcb.init({ env: 'care-room-local', serviceUrl: `${url}/admin`, ...keys, timeout: 60000 });
}

export async function startEmulator(opts: { dataDir?: string; seedDemo?: boolean; transactionTimeoutMs?: number } = {}): Promise<TestEmulator> {
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-test-'));
  const started = (port: number) => start({ dataDir, port, transactionTimeoutMs: opts.transactionTimeoutMs });
  let emulator = await started(0);
  const handle: TestEmulator = {
    url: emulator.url,
    port: emulator.port,
    dataDir,
    app: sdkApp(emulator.url, emulator.credentials),
    emulator,
    async stop() {
      await emulator.stop();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await emulator.stop();
      // Let the SDK's keep-alive sockets see the server's close before they are reused.
      await new Promise((resolve) => setTimeout(resolve, 50));
      emulator = await started(handle.port);
      handle.emulator = emulator;
    },
    async callFunction(name, event, caller = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller.openid) headers['x-openid'] = caller.openid;
      if (caller.now) headers['x-now'] = caller.now.toISOString();
      const res = await fetch(`${handle.url}/functions/${name}`, { method: 'POST', headers, body: JSON.stringify(event) });
      const body = await res.text();
      return {
        result: JSON.parse(body) as never,
        dbRequests: Number(res.headers.get('x-db-requests') ?? -1),
        dbDepth: Number(res.headers.get('x-db-depth') ?? -1),
        bytes: Buffer.byteLength(body),
        status: res.status,
      };
    },
    async api(openid, action, input, now) {
      const { result } = await handle.callFunction('api', { action, input }, { openid, now });
      return result as never;
    },
  };
  if (opts.seedDemo) await seed(handle.app);
  return handle;
}
