/**
 * npm start's readiness: /healthz answers 200 only once the demo school is fully loaded, so a script that waits for
 * it never sees half the data. Runs scripts/start.ts as npm start does (functions already built), on a free port and
 * an empty data directory.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { readDeclarations } from '../../emulator/database/declarations';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Document count of every declared collection. */
async function counts(url: string): Promise<Record<string, number>> {
  const db = tcb.init({ env: 'care-room-local', serviceUrl: `${url}/admin`, secretId: 'local', secretKey: 'local' }).database();
  const names = readDeclarations().collections;
  const totals = await Promise.all(names.map(async (name) => (await db.collection(name).count()).total as number));
  return Object.fromEntries(names.map((name, i) => [name, totals[i]]));
}

test('/healthz says 503 while the demo loads and 200 only when everything is in place', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-start-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG: 'quiet' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const seen: number[] = [];
    let atReady: Record<string, number> | undefined;
    const deadline = Date.now() + 90_000;
    while (!atReady && Date.now() < deadline) {
      const res = await fetch(`${url}/healthz`).catch(() => undefined);
      if (res) {
        seen.push(res.status);
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status === 503) expect(body).toMatchObject({ ok: false, status: 'starting' });
        if (res.status === 200) atReady = await counts(url);
      }
      if (!atReady) await new Promise((r) => setTimeout(r, 10));
    }
    expect(atReady).toBeDefined();
    expect(seen).toContain(503);
    while (!output.includes('按 Ctrl-C 停止') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(output).toContain('已载入演示学校');
    // What a client saw at the first 200 is everything the start loads.
    expect(atReady).toEqual(await counts(url));
    expect(atReady!.children).toBeGreaterThan(0);
  } finally {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  expect(await exited).toBe(0);
});
