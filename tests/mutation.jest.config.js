/**
 * The tests the mutation run (npm run test:mutation, stryker.config.json) uses: those that exercise the access,
 * privacy, consent and reminder-idempotency modules, in the node project (the suite's own settings otherwise).
 * MUTATION_TESTS (comma-separated paths) narrows them, for a run over one module with `--mutate` (README).
 */
const base = require('../jest.config.js').projects.find((p) => p.displayName === 'node');

const ALL = [
  'tests/api/authorize.test.ts',
  'tests/api/access.test.ts',
  'tests/privacy/views.test.ts',
  'tests/api/accounts.test.ts',
  'tests/api/privacy-promises.test.ts',
  'tests/archive/rules.test.ts',
  'tests/archive/archive.api.test.ts',
  'tests/reminders/rules.test.ts',
  'tests/reminders/delivery.test.ts',
  'tests/reminders/boundaries.test.ts',
];
const chosen = process.env.MUTATION_TESTS ? process.env.MUTATION_TESTS.split(',').map((p) => p.trim()) : ALL;

module.exports = {
  ...base,
  rootDir: '..',
  testTimeout: 60000,
  testMatch: chosen.map((p) => `<rootDir>/${p}`),
};
