/**
 * The fault suite (npm run test:faults; CI runs it after npm test): tests/faults only, in the node project, which
 * leaves it out of npm test for its length (the suite's own settings otherwise).
 */
const base = require('../jest.config.js').projects.find((p) => p.displayName === 'node');

module.exports = {
  ...base,
  rootDir: '..',
  testMatch: ['<rootDir>/tests/faults/**/*.test.ts'],
  testPathIgnorePatterns: [],
};
