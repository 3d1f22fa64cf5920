/**
 * The preview's start: the simulated clock, `wx` and the globals a mini-program expects (App, getApp, Component,
 * Page, Behavior, getCurrentPages), WeChat's built-in components, the frame, then the app's script and its first
 * page: the one in the address (#/pages/x/index?a=1, so a reload stays where it was) or app.json's first.
 */
import type { Loaders, Manifest } from './manifest';
import { registerBuiltins } from './builtins';
import { installClock } from './clock';
import { buildFrame } from './frame';
import { problem } from './problems';
import { installRegistry } from './registry';
import * as router from './router';
import { mouseAsTouch } from './touch';
import { mountUi } from './ui';
import { installWx } from './wx';
import { setIdentity } from './storage';

const PULL_TO_REFRESH = 60;

export function start(manifest: Manifest, loaders: Loaders, loadApp: () => unknown): void {
  installClock();
  installWx();
  installRegistry(manifest, loaders);
  const g = globalThis as unknown as Record<string, unknown>;
  let app: Record<string, unknown> = { globalData: {} };
  g.App = (options: Record<string, unknown>) => {
    app = { globalData: {}, ...options };
  };
  g.getApp = () => app;
  window.addEventListener('error', (e) => problem(`页面脚本出错：${e.message}`));
  window.addEventListener('unhandledrejection', (e) => problem(`页面脚本出错（未处理的 Promise 拒绝）：${(e.reason as Error)?.message ?? e.reason}`));

  // ?openid=... names who uses the phone (stored: a reload keeps it)
  const params = new URLSearchParams(location.search);
  if (params.get('openid')) setIdentity(params.get('openid')!);

  registerBuiltins();
  const frame = buildFrame(manifest, document.getElementById('pv-root') ?? document.body);
  mountUi(frame.overlays);
  router.installRouter(manifest, frame.pages);
  mouseAsTouch(
    frame.screen,
    (target) => (target as Element).closest?.('page') as HTMLElement | null,
    (dy, done) => {
      const top = router.topPage();
      if (!top?.window.enablePullDownRefresh || top.refreshing) return;
      frame.pull.style.height = done ? '' : `${Math.max(0, Math.min(dy, PULL_TO_REFRESH))}px`;
      if (done && dy >= PULL_TO_REFRESH) router.startPullDownRefresh();
    },
  );

  loadApp();
  const launch = { path: manifest.entry, query: {}, scene: 1001, referrerInfo: {} };
  (app.onLaunch as ((o: unknown) => void) | undefined)?.call(app, launch);
  (app.onShow as ((o: unknown) => void) | undefined)?.call(app, launch);
  const fromAddress = () => {
    const wanted = decodeURI(location.hash.replace(/^#\/?/, ''));
    const route = wanted.split('?')[0];
    return route && manifest.pages[route] ? `/${wanted}` : `/${manifest.entry}`;
  };
  router.reLaunch(fromAddress());
  // a page typed into the address bar: the app starts over there (the router's own address updates fire no event)
  window.addEventListener('hashchange', () => router.reLaunch(fromAddress()));
  (window as unknown as { __preview: unknown }).__preview = { manifest, router, ready: true };
}
