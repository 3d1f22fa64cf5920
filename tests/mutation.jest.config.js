/**
 * The tests the mutation run (npm run test:mutation, stryker.config.json) uses: those that exercise the access,
 * privacy, consent and reminder-idempotency modules, in the node project (the suite's own settings otherwise).
 */
const base = require('../jest.config.js').projects.find((p) => p.displayName === 'node');

module.exports = {
  ...base,
  rootDir: '..',
  testMatch: [
    '<rootDir>/tests/api/authorize.test.ts',
    '<rootDir>/tests/api/accounts.test.ts',
    '<rootDir>/tests/api/privacy-promises.test.ts',
    '<rootDir>/tests/archive/rules.test.ts',
    '<rootDir>/tests/archive/archive.api.test.ts',
    '<rootDir>/tests/reminders/rules.test.ts',
    '<rootDir>/tests/reminders/delivery.test.ts',
    '<rootDir>/tests/reminders/boundaries.test.ts',
  ],
};
