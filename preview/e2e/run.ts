/**
 * npm run e2e: the journeys (journeys.ts) in Chromium against a fresh `npm start`. Screenshots of every screen a
 * journey passes go to .tmp/e2e/<journey>/NN-<page>.png; a failed journey also leaves failure.txt, page.html and
 * console.log there. `npm run e2e -- family-call` runs one journey.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openBrowser, Phone, REPO, startApp, CHROMIUM } from './harness';
import { JOURNEYS } from './journeys';

const OUT = path.join(REPO, '.tmp', 'e2e');

async function main(): Promise<number> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`没有找到 Chromium（${CHROMIUM}）：apt-get install -y chromium fonts-noto-cjk，或用 CHROMIUM=... 指定`);
    return 1;
  }
  const only = process.argv.slice(2);
  const journeys = only.length ? JOURNEYS.filter((j) => only.includes(j.name)) : JOURNEYS;
  const app = await startApp();
  let passed = 0;
  let failed = 0;
  try {
    for (const journey of journeys) {
      const started = Date.now();
      const browser = await openBrowser(app.url);
      const phone = new Phone(browser.page, app.url, path.join(OUT, journey.name), browser.offsite);
      try {
        await journey.run(phone);
        phone.check();
        passed += 1;
        console.log(`✓ ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s) — ${path.relative(REPO, phone.dir)}/`);
      } catch (err) {
        failed += 1;
        await phone.saveFailure(err);
        console.log(`✗ ${journey.name}: ${(err as Error)?.message ?? err}\n  see ${path.relative(REPO, phone.dir)}/ (failure.txt, page.html, console.log)`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await app.stop();
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
