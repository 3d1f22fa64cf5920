/**
 * setupFiles of the `pages` jest project: what the mini-program runtime gives every page and that
 * miniprogram-simulate's global `wx` stub lacks.
 */
const g = globalThis as unknown as Record<string, unknown>;

// getApp(): TDesign components and pages may read the App instance
const app = { globalData: {} };
g.getApp = () => app;
g.getCurrentPages = () => [];

// The emulator (and the @cloudbase/node-sdk app that seeds it) run in this same jsdom process. axios 0.27,
// which the SDK uses for a cloud-metadata probe, picks jsdom's XMLHttpRequest when it exists; make it use
// node's http as it does in the `node` project, so the probe fails quietly there instead of through jsdom.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('axios').defaults.adapter = require('axios/lib/adapters/http');
