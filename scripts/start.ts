/**
 * npm start: the whole system locally — emulator (database, functions, timers, WeChat outbox) on PORT
 * (default 3000, 127.0.0.1), data in DATA_DIR (default .data/), the demo school on first run, and the mini-program
 * in a browser at / (preview/, built here; PREVIEW=0 leaves it out).
 */
import path from 'node:path';
import fs from 'node:fs';
import tcb from '@cloudbase/node-sdk';
import { startEmulator } from '../emulator/server';
import { DEMO_OPENIDS, seedDemo, seedDemoActivity } from './demo-data';
import { ROLE_LABELS } from '../typings/roles';
import { generateCode, formatCode, hashCode } from '../cloudfunctions/core/codes';
import { buildPreview } from '../preview/build';

type App = ReturnType<typeof tcb.init>;

/** An empty deployment gets a one-time bootstrap code; the first admin claims the school with it. */
async function ensureBootstrapCode(app: App): Promise<string | null> {
  const db = app.database();
  const admins = await db.collection('bindings').where({ role: 'admin', revokedAt: null }).count();
  if ((admins.total ?? 0) > 0) return null;
  const code = generateCode();
  await db
    .collection('settings')
    .doc('bootstrap')
    .set({ codeHash: hashCode(code), usedAt: null, createdAt: new Date() });
  return formatCode(code);
}

/** The browser preview; a failed build is reported and the emulator runs without it. */
async function buildBrowserPreview(): Promise<string | undefined> {
  try {
    const built = await buildPreview();
    for (const w of built.warnings) if (process.env.LOG !== 'quiet') console.warn(`预览: ${w}`);
    return built.outDir;
  } catch (err) {
    console.error(`小程序预览构建失败（模拟器照常运行）：${err instanceof Error ? err.message : err}`);
    return undefined;
  }
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(__dirname, '..', '.data'));
  fs.mkdirSync(dataDir, { recursive: true });
  const verbose = process.env.LOG !== 'quiet';
  const previewDir = process.env.PREVIEW === '0' ? undefined : await buildBrowserPreview();
  // Not ready (/healthz 503) until the demo school and the bootstrap code are in place.
  const emulator = await startEmulator({
    port,
    dataDir,
    runTimers: true,
    ready: false,
    previewDir,
    log: verbose ? (line) => console.log(line) : undefined,
  });
  const app = tcb.init({ env: 'care-room-local', serviceUrl: `${emulator.url}/admin`, ...emulator.credentials });
  const seeded = process.env.DEMO === '0' ? false : await seedDemo(app);
  if (seeded) {
    await seedDemoActivity(
      async (openid, action, input, at) => (await emulator.functions.invoke('api', { action, input }, { openid, now: at })).result as never,
      new Date(),
    );
  }
  const bootstrapCode = await ensureBootstrapCode(app);
  emulator.markReady();

  console.log(`\n关爱室 Care Room 本地环境已启动: ${emulator.url}`);
  if (previewDir) console.log(`  小程序预览（浏览器打开）: ${emulator.url}/`);
  console.log(`  数据目录: ${dataDir}${seeded ? '（已载入演示学校）' : '（沿用已有数据）'}`);
  console.log(`  健康检查: curl ${emulator.url}/healthz`);
  console.log(`  演示身份（请求头 x-openid）:`);
  for (const [role, openid] of Object.entries(DEMO_OPENIDS)) console.log(`    ${openid.padEnd(16)} ${ROLE_LABELS[role as keyof typeof ROLE_LABELS]}`);
  console.log(
    `  试一试: curl -s -X POST ${emulator.url}/functions/api -H 'x-openid: demo-teacher' -H 'content-type: application/json' -d '{"action":"whoami"}'`,
  );
  console.log(
    `  定时触发器: ${
      emulator.timers
        .triggers()
        .map((t) => `${t.functionName}/${t.name} (${t.cron})`)
        .join(', ') || '无'
    }`,
  );
  if (bootstrapCode) console.log(`  尚无管理员。初始化码（仅一次有效）: ${bootstrapCode}  —— 在小程序“绑定身份”页输入，或调用 setup.claimAdmin`);
  console.log('按 Ctrl-C 停止。\n');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n正在停止…');
    await emulator.stop();
    console.log('已停止，数据已保存。');
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
