/**
 * npm run test:mutation: StrykerJS over the access, privacy, consent and reminder-outbox modules, one module group at a
 * time with the tests that exercise it directly (a whole-suite run per mutant would take hours on two cores). Each
 * group's report is kept as .tmp/mutation/<group>.json; the score of every group and of all is printed at the end.
 *
 *   npm run test:mutation               every group
 *   npm run test:mutation -- access     one group (names below)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

interface Group {
  mutate: string[];
  tests: string[];
}

export const GROUPS: Record<string, Group> = {
  access: { mutate: ['cloudfunctions/core/access.ts'], tests: ['tests/api/authorize.test.ts', 'tests/api/access.test.ts'] },
  privacy: {
    mutate: ['cloudfunctions/core/privacy/mask.ts', 'cloudfunctions/core/privacy/views.ts'],
    tests: ['tests/archive/rules.test.ts', 'tests/privacy/views.test.ts'],
  },
  store: {
    mutate: ['cloudfunctions/core/consent.ts', 'cloudfunctions/core/reminders/outbox.ts'],
    tests: ['tests/privacy/consent.test.ts', 'tests/reminders/outbox.test.ts'],
  },
};

const REPORT = '.tmp/mutation/report.json';

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

function tally(report: Report): { detected: number; total: number } {
  const all = Object.values(report.files).flatMap((f) => f.mutants);
  const counted = all.filter((m) => !['Ignored', 'CompileError', 'RuntimeError'].includes(m.status));
  return { detected: counted.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length, total: counted.length };
}

function main(): void {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(GROUPS);
  const unknown = names.filter((n) => !GROUPS[n]);
  if (unknown.length) throw new Error(`unknown group ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}`);
  const scores: [string, { detected: number; total: number }][] = [];
  for (const name of names) {
    const group = GROUPS[name];
    console.log(`\n== ${name}: ${group.mutate.join(', ')} (tests: ${group.tests.join(', ')})`);
    const run = spawnSync('npx', ['stryker', 'run', '--mutate', group.mutate.join(',')], {
      stdio: 'inherit',
      env: { ...process.env, MUTATION_TESTS: group.tests.join(',') },
    });
    if (run.status !== 0) process.exit(run.status ?? 1);
    const kept = path.join(path.dirname(REPORT), `${name}.json`);
    fs.copyFileSync(REPORT, kept);
    scores.push([name, tally(JSON.parse(fs.readFileSync(kept, 'utf8')) as Report)]);
  }
  const pct = (s: { detected: number; total: number }) => (s.total ? ((100 * s.detected) / s.total).toFixed(2) : '—');
  console.log('\nmutation score (killed + timed out, of all mutants):');
  for (const [name, s] of scores) console.log(`  ${name.padEnd(8)} ${pct(s)}%  (${s.detected}/${s.total})`);
  const sum = scores.reduce((a, [, s]) => ({ detected: a.detected + s.detected, total: a.total + s.total }), { detected: 0, total: 0 });
  console.log(`  ${'all'.padEnd(8)} ${pct(sum)}%  (${sum.detected}/${sum.total})`);
}

main();
