/**
 * The fault suite's tools: an emulator in a child process (killed with SIGKILL, started again on its data dir),
 * calls to its functions over HTTP, SQLite's own integrity check of the data file, and a log of what each test
 * killed and checked, printed at the end of each file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import Sqlite from 'better-sqlite3';
import { sdkApp } from '../helpers/emulator';
import type { ApiResponse } from '../../typings/errors';

export interface EmulatorProcess {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  /** SIGKILL: no shutdown, no flush; the process is gone when this resolves. */
  kill9(): Promise<void>;
  /** Start the emulator again on the same data dir and port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  app(): ReturnType<typeof sdkApp>;
}

function start(dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'emulator-process.ts'), dataDir, String(port)], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /READY (\S+)/.exec(String(d));
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${stderr}`)));
  });
}

export async function spawnEmulator(): Promise<EmulatorProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-faults-'));
  let { child, url } = await start(dataDir, 0);
  const port = Number(new URL(url).port);
  const exited = (c: ChildProcess) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode ? resolve() : c.once('exit', () => resolve())));
  const handle: EmulatorProcess = {
    url,
    port,
    dataDir,
    get pid() {
      return child.pid!;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      ({ child, url } = await start(dataDir, port));
      handle.url = url;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    app: () => sdkApp(handle.url),
  };
  return handle;
}

/** POST /functions/api as `openid` (at the simulated time `now`, if given). */
export async function api<T = unknown>(url: string, openid: string, action: string, input: unknown, now?: Date): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-openid': openid };
  if (now) headers['x-now'] = now.toISOString();
  const res = await fetch(`${url}/functions/api`, { method: 'POST', headers, body: JSON.stringify({ action, input }) });
  return (await res.json()) as ApiResponse<T>;
}

export async function must<T = Record<string, unknown>>(url: string, openid: string, action: string, input: unknown, now?: Date): Promise<T> {
  const res = await api<T>(url, openid, action, input, now);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

/** Fire a scheduler trigger through the emulator's tooling endpoint, as its timer would. */
export async function fire(url: string, trigger: string, at: Date): Promise<{ result: { ok: boolean; data?: Record<string, unknown> } }> {
  const res = await fetch(`${url}/_emulator/timers/fire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ function: 'scheduler', trigger, at: at.toISOString() }),
  });
  return (await res.json()) as never;
}

/** SQLite's own check of the data file (run while the emulator is down: nothing else has it open). */
export function integrityCheck(dataDir: string): string {
  const db = new Sqlite(path.join(dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** The messages the emulator's WeChat recorded, read from its data file (also while it is down). */
export function wxMessages(dataDir: string): { touser: string; page: string | null; data: string; errcode: number }[] {
  const db = new Sqlite(path.join(dataDir, 'emulator.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT touser, page, data, errcode FROM _emulator_wx_messages ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

/** What a fault test did and saw, printed when its file ends. */
export function faultLog(title: string) {
  const lines: string[] = [];
  afterAll(() => {
    process.stdout.write(`\n── ${title} ──\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  });
  return {
    killed: (what: string) => lines.push(`KILLED  ${what}`),
    checked: (what: string) => lines.push(`CHECKED ${what}`),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `probe` is true (or fails after `ms`). */
export async function until(probe: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
