/**
 * The parts of mingo the emulator builds on, loaded from mingo's own modules rather than its main entry: the main
 * entry merges its built-in operators over any given ones, and the emulator must replace a few (operators.ts).
 * mingo publishes these modules only through its package "exports", which this project's TypeScript setting
 * (moduleResolution "node") does not read, so they are loaded at run time and typed from their declaration files.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const { Query } = require('mingo/query') as typeof import('mingo/types/query');
export const { Aggregator } = require('mingo/aggregator') as typeof import('mingo/types/aggregator');
export const { update } = require('mingo/updater') as typeof import('mingo/types/updater');
export const { Context, evalExpr } = require('mingo/core') as typeof import('mingo/types/core');
export const { isEqual, resolve } = require('mingo/util') as typeof import('mingo/types/util');
export const { Lazy } = require('mingo/lazy') as typeof import('mingo/types/lazy');
export const { $dayOfWeek, $dayOfYear } = require('mingo/operators/expression/date') as typeof import('mingo/types/operators/expression/date');
export const { $substrBytes } = require('mingo/operators/expression/string') as typeof import('mingo/types/operators/expression/string');

/** Every operator mingo has, by kind (what its main entry loads). */
export const MINGO_OPERATORS = {
  accumulator: require('mingo/operators/accumulator') as typeof import('mingo/types/operators/accumulator'),
  expression: require('mingo/operators/expression') as typeof import('mingo/types/operators/expression'),
  pipeline: require('mingo/operators/pipeline') as typeof import('mingo/types/operators/pipeline'),
  projection: require('mingo/operators/projection') as typeof import('mingo/types/operators/projection'),
  query: require('mingo/operators/query') as typeof import('mingo/types/operators/query'),
  window: require('mingo/operators/window') as typeof import('mingo/types/operators/window'),
};
/* eslint-enable @typescript-eslint/no-require-imports */
