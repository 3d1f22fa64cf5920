/**
 * The page stack, as WeChat keeps it: navigateTo pushes (at most 10 pages), redirectTo replaces the top, navigateBack
 * pops, reLaunch starts over, switchTab only to tab-bar pages. Each page is created from its component, gets
 * onLoad(query), onShow, onReady, onHide, onUnload, onReachBottom, onPageScroll and onPullDownRefresh at the moments
 * WeChat calls them, and scrolls on its own (each keeps its scroll position under the pages above it).
 */
import jComponent, { type RootComponent } from 'j-component';
import { WxFail } from './callback';
import type { Manifest, WindowConfig } from './manifest';
import { ensureComponent } from './registry';
import { problem } from './problems';

export interface PageRecord {
  route: string;
  query: Record<string, string>;
  root: RootComponent;
  /** The <page> element the page is drawn in (its own scroll container). */
  el: HTMLElement;
  window: WindowConfig;
  title: string;
  instance: Record<string, unknown>;
  refreshing: boolean;
}

const MAX_PAGES = 10;
let manifest: Manifest;
let container: HTMLElement;
const stack: PageRecord[] = [];
const listeners: (() => void)[] = [];

export function installRouter(m: Manifest, pagesEl: HTMLElement): void {
  manifest = m;
  container = pagesEl;
  (globalThis as unknown as Record<string, unknown>).getCurrentPages = () => stack.map((p) => p.instance);
}

export function onStackChange(listener: () => void): void {
  listeners.push(listener);
}

function changed(): void {
  const top = stack[stack.length - 1];
  if (top)
    history.replaceState(
      null,
      '',
      `${location.pathname}${location.search}#/${top.route}${Object.keys(top.query).length ? '?' + new URLSearchParams(top.query).toString() : ''}`,
    );
  for (const l of listeners) l();
}

export function pages(): readonly PageRecord[] {
  return stack;
}

export function topPage(): PageRecord | undefined {
  return stack[stack.length - 1];
}

/** "pages/x/index?a=1", absolute or relative to the current page, as {route, query}. */
export function parseUrl(url: string, from?: string): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = String(url).split('?');
  let route: string;
  if (pathPart.startsWith('/')) route = pathPart.slice(1);
  else {
    const parts = (from ?? '').split('/').slice(0, -1);
    for (const seg of pathPart.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg && seg !== '.') parts.push(seg);
    }
    route = parts.join('/');
  }
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    query[decodeURIComponent(k)] = v;
  }
  return { route: route.replace(/\.html$/, ''), query };
}

function call(page: PageRecord, name: string, ...args: unknown[]): void {
  const fn = page.instance[name];
  if (typeof fn !== 'function') return;
  try {
    (fn as (...a: unknown[]) => unknown).apply(page.instance, args);
  } catch (err) {
    console.error(err);
    problem(`页面 ${page.route} 的 ${name} 抛出错误：${(err as Error)?.message ?? err}`);
  }
}

function show(page: PageRecord): void {
  page.el.hidden = false;
  call(page, 'onShow');
  page.root.triggerPageLifeTime('show');
}

function hide(page: PageRecord): void {
  call(page, 'onHide');
  page.root.triggerPageLifeTime('hide');
  page.el.hidden = true;
}

function unload(page: PageRecord): void {
  call(page, 'onUnload');
  page.root.detach();
  page.el.remove();
}

function create(route: string, query: Record<string, string>): PageRecord {
  const entry = manifest.pages[route];
  ensureComponent(entry.component);
  const root = jComponent.create(entry.component);
  const el = document.createElement('page');
  el.dataset.route = route;
  el.className = 'pv-page';
  const window = { ...manifest.window, ...entry.window };
  if (window.backgroundColor) el.style.backgroundColor = String(window.backgroundColor);
  container.appendChild(el);
  root.attach(el);
  const instance = root.instance as Record<string, unknown>;
  instance.route = route;
  instance.__route__ = route;
  instance.options = query;
  const page: PageRecord = {
    route,
    query,
    root,
    el,
    window,
    title: String(window.navigationBarTitleText ?? ''),
    instance,
    refreshing: false,
  };
  watchScroll(page);
  return page;
}

function watchScroll(page: PageRecord): void {
  let atBottom = false;
  page.el.addEventListener('scroll', () => {
    call(page, 'onPageScroll', { scrollTop: page.el.scrollTop });
    const distance = Number(page.window.onReachBottomDistance ?? 50);
    const now = page.el.scrollHeight - page.el.clientHeight - page.el.scrollTop <= distance;
    if (now && !atBottom) call(page, 'onReachBottom');
    atBottom = now;
  });
}

function open(route: string, query: Record<string, string>): PageRecord {
  const page = create(route, query);
  stack.push(page);
  call(page, 'onLoad', { ...query });
  show(page);
  setTimeout(() => call(page, 'onReady'), 0);
  return page;
}

function mustExist(name: string, route: string): void {
  if (!manifest.pages[route]) {
    console.error(`${name}:fail page "${route}" is not found`);
    throw new WxFail(`${name}:fail page "${route}" is not found`);
  }
}

export function navigateTo(url: string): { eventChannel: EventChannel } {
  const { route, query } = parseUrl(url, topPage()?.route);
  mustExist('navigateTo', route);
  if (manifest.tabBar.includes(route)) throw new WxFail('navigateTo:fail can not navigateTo a tabbar page');
  if (stack.length >= MAX_PAGES) throw new WxFail('navigateTo:fail webview count limit exceed');
  const opener = topPage();
  if (opener) hide(opener);
  const channel = new EventChannel();
  const page = create(route, query);
  page.instance.getOpenerEventChannel = () => channel;
  stack.push(page);
  call(page, 'onLoad', { ...query });
  show(page);
  setTimeout(() => call(page, 'onReady'), 0);
  changed();
  return { eventChannel: channel };
}

export function redirectTo(url: string): void {
  const { route, query } = parseUrl(url, topPage()?.route);
  mustExist('redirectTo', route);
  if (manifest.tabBar.includes(route)) throw new WxFail('redirectTo:fail can not redirectTo a tabbar page');
  const old = stack.pop();
  if (old) unload(old);
  open(route, query);
  changed();
}

export function reLaunch(url: string): void {
  const { route, query } = parseUrl(url, topPage()?.route);
  mustExist('reLaunch', route);
  while (stack.length) unload(stack.pop()!);
  open(route, query);
  changed();
}

export function switchTab(url: string): void {
  const { route } = parseUrl(url, topPage()?.route);
  mustExist('switchTab', route);
  if (!manifest.tabBar.includes(route)) throw new WxFail('switchTab:fail can not switch to no-tabBar page');
  while (stack.length) unload(stack.pop()!);
  open(route, {});
  changed();
}

export function navigateBack(delta = 1): void {
  if (stack.length <= 1) throw new WxFail('navigateBack:fail cannot navigate back at first page.');
  const n = Math.min(Math.max(1, delta), stack.length - 1);
  for (let i = 0; i < n; i++) unload(stack.pop()!);
  show(topPage()!);
  changed();
}

/** <navigator open-type> */
export function navigateByOpenType(openType: string, url: string, delta: number): void {
  try {
    if (openType === 'navigateBack') navigateBack(delta);
    else if (openType === 'redirect') redirectTo(url);
    else if (openType === 'switchTab') switchTab(url);
    else if (openType === 'reLaunch') reLaunch(url);
    else if (openType === 'exit') problem('<navigator open-type="exit"> 在预览中没有模拟');
    else navigateTo(url);
  } catch (err) {
    console.error((err as Error).message);
  }
}

/** Pull-down refresh of the top page (when its json enables it); stopPullDownRefresh ends it. */
export function startPullDownRefresh(): boolean {
  const page = topPage();
  if (!page || page.refreshing) return false;
  page.refreshing = true;
  changed();
  call(page, 'onPullDownRefresh');
  return true;
}

export function stopPullDownRefresh(): void {
  const page = topPage();
  if (page?.refreshing) {
    page.refreshing = false;
    changed();
  }
}

export function setTitle(title: string): void {
  const page = topPage();
  if (page) {
    page.title = title;
    changed();
  }
}

export function setNavigationColor(front: string, background: string): void {
  const page = topPage();
  if (page) {
    page.window = {
      ...page.window,
      navigationBarTextStyle: front === '#ffffff' ? 'white' : 'black',
      navigationBarBackgroundColor: background,
    };
    changed();
  }
}

export function scrollTo(top: number): void {
  topPage()?.el.scrollTo({ top, behavior: 'smooth' });
}

/** navigateTo's channel between the opener and the page it opened. */
export class EventChannel {
  private readonly handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  on(name: string, fn: (...a: unknown[]) => void): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
  }
  once(name: string, fn: (...a: unknown[]) => void): void {
    const once = (...a: unknown[]) => {
      this.off(name, once);
      fn(...a);
    };
    this.on(name, once);
  }
  off(name: string, fn?: (...a: unknown[]) => void): void {
    this.handlers.set(name, fn ? (this.handlers.get(name) ?? []).filter((h) => h !== fn) : []);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const h of this.handlers.get(name) ?? []) h(...args);
  }
}
