/**
 * Two projects: `node` (domain units, emulator conformance, functions through the real SDK) and
 * `pages` (mini-program pages under miniprogram-simulate in jsdom).
 */
const tsJest = ['ts-jest', { isolatedModules: true, diagnostics: false }];

module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/tests/pages/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
