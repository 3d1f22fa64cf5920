// ESLint flat config: @eslint/js recommended + typescript-eslint recommended over the whole repository
// (typings, cloudfunctions, emulator, scripts, tests, bench, miniprogram). Built bundles and installed code are ignored.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** What the mini-program runtime provides (pages, components, app). */
const miniProgramGlobals = Object.fromEntries(
  ['wx', 'App', 'Page', 'Component', 'getApp', 'getCurrentPages', 'Behavior', 'requirePlugin'].map((name) => [name, 'readonly']),
);

/** Node globals for plain CommonJS JavaScript files (jest.config.js and the like). TypeScript needs none: tsc checks names. */
const nodeGlobals = Object.fromEntries(
  [
    'require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer',
    'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
    'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'structuredClone', 'queueMicrotask', 'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/miniprogram_npm/',
    '.data/',
    '.tmp/',
    'coverage/',
    // built by scripts/build.ts and scripts/generate-miniprogram.ts
    'cloudfunctions/*/index.js',
    'miniprogram/generated/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    // The mini-program, and the stand-in components the page tests load under miniprogram-simulate.
    files: ['miniprogram/**', 'tests/pages/**'],
    languageOptions: { globals: miniProgramGlobals },
  },
]);
