/**
 * Two projects: `node` (domain units, emulator conformance, functions through the real SDK) and
 * `pages` (mini-program pages under miniprogram-simulate in jsdom).
 */
// Every rule about days, weeks and months is Beijing time whatever the machine's TZ: the whole suite runs in
// New York time (DST included) unless TEST_TZ says otherwise, so a rule that leans on the process TZ fails here.
process.env.TZ = process.env.TEST_TZ || 'America/New_York';

// Type errors are npm run typecheck's job; ts-jest only transpiles (isolatedModules in tsconfig.json).
const tsJest = ['ts-jest', { diagnostics: false }];

module.exports = {
  // A hook that starts an emulator and seeds the demo school takes seconds on a busy machine (2 shared cores, two
  // workers): jest's 5 s default fails the hook, not the behaviour. Assertions wait on nothing but their own promises.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      // Stryker's sandboxes (.tmp/stryker) hold copies of the functions' package.json
      modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      // the fault suite (kill -9, restarts, a 2,000-row import) takes minutes: npm run test:faults, and CI, run it
      testPathIgnorePatterns: ['<rootDir>/tests/pages/', '<rootDir>/tests/faults/'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'pages',
      testEnvironment: 'jsdom',
      modulePathIgnorePatterns: ['<rootDir>/.tmp/'],
      // the emulator runs in the same process as the page: its packages (bson, ...) must load their node builds
      testEnvironmentOptions: { customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/tests/pages/**/*.test.ts'],
      transform: {
        '^.+\\.ts$': tsJest,
        // TDesign's dist (copied by scripts/build-miniprogram-npm.ts) is ES modules, as DevTools compiles them
        '/miniprogram_npm/.+\\.js$': ['babel-jest', { babelrc: false, configFile: false, plugins: ['@babel/plugin-transform-modules-commonjs'] }],
      },
      transformIgnorePatterns: ['/node_modules/'],
      // bare requires inside miniprogram_npm (tdesign's bundled tslib) resolve like the mini-program runtime does
      moduleDirectories: ['node_modules', 'miniprogram_npm'],
      setupFiles: ['<rootDir>/tests/pages/helpers/setup.ts'],
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
