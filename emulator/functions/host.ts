/**
 * Function host: loads the built bundle cloudfunctions/<name>/index.js and calls main(event, context),
 * with the caller in context.environment (as CloudBase does), so concurrent calls never share an identity.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { type Credentials, DEFAULT_CREDENTIALS } from '../signature';
import { RequestLog } from './requests';

export interface FunctionConfig {
  timeout?: number;
  envVariables?: Record<string, string>;
  triggers?: { name: string; type: string; config: string }[];
  permissions?: { openapi?: string[] };
}

export interface InvokeOptions {
  openid?: string;
  appid?: string;
  /** Simulated time for the invocation (local only). */
  now?: Date;
  /**
   * Run the function in a process of its own, as CloudBase runs each function in its own instance: its peak memory
   * (`peakRssMb`) is then the function's alone, not the emulator's with it.
   */
  ownProcess?: boolean;
}

export interface Invocation {
  id: string;
  result: unknown;
  /** Database requests this invocation made (counted by the server). */
  dbRequests: number;
  /** The longest chain of those requests that waited on each other (parallel ones count once). */
  dbDepth: number;
  /** Milliseconds the emulator spent working out the answers (not the simulated round trips). */
  dbWorkMs: number;
  ms: number;
  /** The peak resident memory of the function's own process (with `ownProcess` only). */
  peakRssMb?: number;
}

/** config.json values like "{{env.X}}" are filled from the environment at deploy time, as the CloudBase CLI does. */
function withProcessEnv(vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, v.replace(/\{\{env\.([A-Za-z_][A-Za-z0-9_]*)\}\}/g, (_, name) => process.env[name] ?? '')]),
  );
}

export class FunctionTimeout extends Error {
  constructor(name: string, seconds: number) {
    super(`云函数 ${name} 执行超时（${seconds} 秒）`);
  }
}

type Main = (event: unknown, context: Record<string, unknown>) => Promise<unknown>;

/** The child process of an `ownProcess` invocation: loads the bundle, runs main once, answers with its result and peak RSS. */
const CHILD = `
process.once('message', async ({ file, event, context }) => {
  let reply;
  try {
    const result = await require(file).main(event, context);
    reply = { result };
  } catch (err) {
    reply = { error: String((err && err.stack) || err) };
  }
  process.send({ ...reply, peakRss: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
});`;

function runInOwnProcess(
  file: string,
  event: unknown,
  context: Record<string, unknown>,
): { done: Promise<{ result: unknown; peakRssMb: number }>; kill(): void } {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: process.env });
  const done = new Promise<{ result: unknown; peakRssMb: number }>((resolve, reject) => {
    child.once('message', (m: { result?: unknown; error?: string; peakRss: number }) =>
      m.error ? reject(new Error(m.error)) : resolve({ result: m.result, peakRssMb: m.peakRss / 1048576 }),
    );
    child.once('exit', (code) => reject(new Error(`函数进程退出（${code}）`)));
    child.send({ file, event, context });
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

export class FunctionHost {
  private readonly requests = new Map<string, RequestLog>();

  constructor(
    private readonly functionsDir: string,
    /** Base URL of the emulator's /admin endpoint, e.g. http://127.0.0.1:3000/admin */
    private readonly adminUrl: () => string,
    /** The keys the emulator's /admin accepts; functions find them in their context, as in the cloud. */
    private readonly credentials: Credentials = DEFAULT_CREDENTIALS,
  ) {}

  names(): string[] {
    if (!fs.existsSync(this.functionsDir)) return [];
    return fs
      .readdirSync(this.functionsDir)
      .filter((name) => fs.existsSync(path.join(this.functionsDir, name, 'config.json')))
      .sort();
  }

  exists(name: string): boolean {
    return /^[a-z][a-z0-9_-]*$/i.test(name) && this.names().includes(name);
  }

  config(name: string): FunctionConfig {
    return JSON.parse(fs.readFileSync(path.join(this.functionsDir, name, 'config.json'), 'utf8'));
  }

  /**
   * Called by the server when an /admin request tagged with an invocation id arrives; returns the function to call
   * once it is answered (undefined for an id that is not running).
   */
  trackRequest(invocationId: string): ((workMs: number) => void) | undefined {
    return this.requests.get(invocationId)?.begin();
  }

  private bundle(name: string): string {
    const file = path.join(this.functionsDir, name, 'index.js');
    if (!fs.existsSync(file)) throw new Error(`函数 ${name} 尚未构建，请先运行 npm run build`);
    return file;
  }

  private load(name: string): Main {
    const file = this.bundle(name);
    // The bundle's path is known only at run time; CloudBase loads it the same way (CommonJS require).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`函数 ${name} 没有导出 main`);
    return mod.main;
  }

  async invoke(name: string, event: unknown, options: InvokeOptions = {}): Promise<Invocation> {
    const main = options.ownProcess ? null : this.load(name);
    const id = crypto.randomBytes(8).toString('hex');
    const environment: Record<string, string> = {
      ...withProcessEnv(this.config(name).envVariables ?? {}),
      CARE_ROOM_SERVICE_URL: `${this.adminUrl()}?inv=${id}&`,
      CARE_ROOM_ENV: 'care-room-local',
      // CloudBase hands every function its keys in the environment; the SDK signs its requests with them.
      TENCENTCLOUD_SECRETID: this.credentials.secretId,
      TENCENTCLOUD_SECRETKEY: this.credentials.secretKey,
      TCB_CONTEXT_KEYS: 'CARE_ROOM_SERVICE_URL,CARE_ROOM_ENV,CARE_ROOM_NOW,TENCENTCLOUD_SECRETID,TENCENTCLOUD_SECRETKEY',
    };
    if (options.openid) {
      environment.WX_OPENID = options.openid;
      environment.WX_APPID = options.appid ?? 'wx-local-appid';
      environment.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    }
    if (options.now) environment.CARE_ROOM_NOW = options.now.toISOString();
    const context = { request_id: id, function_name: name, environment: JSON.stringify(environment) };
    const timeoutSeconds = this.config(name).timeout ?? 3;
    const requests = new RequestLog();
    this.requests.set(id, requests);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    // CloudBase ends an invocation at its config.json timeout; so does the emulator, so a slow handler shows here first.
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeout(name, timeoutSeconds)), timeoutSeconds * 1000);
    });
    const own = main ? null : runInOwnProcess(this.bundle(name), event, context);
    try {
      const ran = main ? { result: await Promise.race([main(event, context), timedOut]), peakRssMb: undefined } : await Promise.race([own!.done, timedOut]);
      return {
        id,
        result: ran.result,
        dbRequests: requests.count,
        dbDepth: requests.depth(),
        dbWorkMs: Math.round(requests.workMs),
        ms: Date.now() - started,
        peakRssMb: ran.peakRssMb,
      };
    } finally {
      clearTimeout(timer);
      own?.kill();
      this.requests.delete(id);
    }
  }
}
