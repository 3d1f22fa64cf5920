/**
 * Runs an import commit in its own process, so a test can kill it (SIGKILL) half-way through.
 * Usage: node --import tsx tests/archive/import-worker.ts <emulatorUrl> <uploadId> <openid> <rows>
 * Prints "WROTE <n>" once a transaction holding rows up to n (more than <rows>) is written but not committed, and
 * then waits there, so the test can kill it at that point: every earlier transaction has committed.
 */
import { sdkApp } from '../helpers/emulator';
import { commitImport, judgeUpload, loadBatch, loadFile } from '../../cloudfunctions/core/archive/importer';

async function main() {
  const [url, uploadId, openid, rows] = process.argv.slice(2);
  const db = sdkApp(url).database();
  const now = new Date();
  const batch = await loadBatch(db, uploadId, openid, now);
  const judged = await judgeUpload(db, batch, await loadFile(db, batch));
  const progress = async (event: { stage: string; rows: number }) => {
    if (event.stage !== 'written' || event.rows <= Number(rows)) return;
    process.stdout.write(`WROTE ${event.rows}\n`);
    await new Promise((r) => setTimeout(r, 60_000));
  };
  await commitImport(db, batch, judged.records, { openid, role: 'admin', label: 'worker', action: 'imports.commit', now }, { progress });
  process.stdout.write('COMMITTED\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
