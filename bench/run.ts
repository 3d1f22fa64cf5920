/**
 * `npm run bench`: runs every benchmark module listed below, one after the other, and prints their figures.
 * A module exports `async function run(): Promise<void>` that prints its own lines.
 */
const BENCHES: { name: string; load: () => Promise<{ run(): Promise<void> }> }[] = [
  // the one table: every first screen and scheduler job on the county dataset (npm run seed:county first)
  { name: 'county', load: () => import('./county') },
  { name: 'database', load: () => import('./database') },
  { name: 'reminders', load: () => import('./reminders') },
  { name: 'archive', load: () => import('./archive') },
  { name: 'growth', load: () => import('./growth') },
  { name: 'talks', load: () => import('./talks') },
  { name: 'birthdays', load: () => import('./birthdays') },
  { name: 'dashboard', load: () => import('./dashboard') },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  let failed = 0;
  for (const bench of BENCHES) {
    if (only.length > 0 && !only.includes(bench.name)) continue;
    console.log(`\n== ${bench.name}`);
    const t0 = performance.now();
    try {
      await (await bench.load()).run();
      console.log(`(${bench.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.error(`bench ${bench.name} failed:`, e);
    }
  }
  if (failed > 0) process.exit(1);
}

void main();
