/**
 * Runs an import commit in its own process, so a test can kill it (SIGKILL) half-way through the transaction.
 * Usage: node --import tsx tests/archive/import-worker.ts <emulatorUrl> <uploadId> <openid>
 * Prints "WROTE <n>" after each insert request and then waits, so the test can kill it at that point.
 */
import { sdkApp } from '../helpers/emulator';
import { commitImport, judgeUpload, loadBatch, loadFile } from '../../cloudfunctions/core/archive/importer';

async function main() {
  const [url, uploadId, openid] = process.argv.slice(2);
  const db = sdkApp(url).database();
  const now = new Date();
  const batch = await loadBatch(db, uploadId, openid, now);
  const judged = await judgeUpload(db, batch, await loadFile(db, batch));
  await commitImport(db, batch, judged.records, { openid, role: 'admin', label: 'worker', action: 'imports.commit', now }, async (written) => {
    process.stdout.write(`WROTE ${written}\n`);
    await new Promise((r) => setTimeout(r, 60_000));
  });
  process.stdout.write('COMMITTED\n');
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err) + '\n');
  process.exit(1);
});
