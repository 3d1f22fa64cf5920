/**
 * One "phone" for page tests that open several pages in a row (bind, then home; roles, then home): storage that
 * lasts across pages, the local identity, and a fresh load of each page.
 *
 * Why a fresh load: miniprogram-simulate registers a component by running its js, and jest's module registry runs
 * a module once per test file, so a second page sharing components (t-button, ...) with the first would find them
 * unregistered. openPage() resets the registry first; the page then gets its own copy of miniprogram/services, so
 * the transport is installed into that same copy before the page loads.
 */
import http from 'node:http';
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { httpRequest } from './wx-request';
import { MINIPROGRAM_ROOT, type Rendered } from './render';
import type { ActionInput, ActionName, ActionOutput } from '../../../typings/actions';
import type { ApiResponse } from '../../../typings/errors';

/** The test stand-ins of helpers/render.ts (t-grid-item and t-badge use template syntax simulate cannot read). */
const stub = (name: string) => '/' + path.relative(MINIPROGRAM_ROOT, path.join(__dirname, 'stubs', name, name));
const STUBS = { 't-badge': stub('badge'), 't-grid-item': stub('grid-item') };

export interface Phone {
  baseUrl: string;
  /** The OPENID the local transport acts as (the emulator's x-openid). */
  openid: string;
  /** wx storage, kept across the pages opened on this phone. */
  storage: Map<string, unknown>;
}

export function newPhone(baseUrl: string, openid: string): Phone {
  return { baseUrl, openid, storage: new Map() };
}

function installWx(phone: Phone): void {
  const { storage } = phone;
  wx.getStorageSync = ((key: string) => (storage.has(key) ? storage.get(key) : '')) as typeof wx.getStorageSync;
  wx.setStorageSync = ((key: string, value: unknown) => void storage.set(key, value)) as typeof wx.setStorageSync;
  wx.removeStorageSync = ((key: string) => void storage.delete(key)) as typeof wx.removeStorageSync;
  wx.request = httpRequest as typeof wx.request;
}

/** Load pages/<name>/index afresh on this phone, attach it and call its onLoad(query) like the runtime. */
export function openPage(phone: Phone, name: string, query: Record<string, string> = {}): Rendered {
  jest.resetModules();
  installWx(phone);
  // the copy of the transport module the page is about to load
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const transport = require('../../../miniprogram/services/transport') as typeof import('../../../miniprogram/services/transport');
  transport.setTransport(transport.localTransport(phone.baseUrl));
  transport.setLocalOpenid(phone.openid);
  const id = simulate.load(path.join(MINIPROGRAM_ROOT, 'pages', name, 'index'), { compiler: 'simulate', rootPath: MINIPROGRAM_ROOT, usingComponents: { ...STUBS } });
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as { onLoad?(q: Record<string, string>): void }).onLoad?.(query);
  return page;
}

type Node = ReturnType<Rendered['querySelectorAll']>[number];

export function nodeText(node: Node | null | undefined): string {
  return node ? ((node.dom as HTMLElement).textContent ?? '') : '';
}

/** The text of the first node matching the selector ('' when there is none). */
export function partText(page: Rendered, selector: string): string {
  return nodeText(page.querySelector(selector));
}

/** The nodes matching the selector whose text includes `text`. */
export function withText(page: Rendered, selector: string, text: string): Node[] {
  return page.querySelectorAll(selector).filter((n) => nodeText(n).includes(text));
}

/** Tap the first node matching the selector whose text includes `text`. */
export function tapText(page: Rendered, selector: string, text: string): void {
  const node = withText(page, selector, text)[0];
  if (!node) throw new Error(`no ${selector} shows "${text}"; the page shows: ${nodeText(page as unknown as Node).replace(/\s+/g, ' ')}`);
  node.dispatchEvent('tap');
}

/** Pick the option labelled `label` of the TDesign radio group inside `container`. */
export function pickRadio(page: Rendered, container: string, label: string): void {
  const option = page.querySelectorAll(`${container} >>> .t-radio__content`).find((o) => nodeText(o).trim().startsWith(label));
  if (!option) throw new Error(`no option "${label}" in ${container}: ${page.querySelectorAll(`${container} >>> .t-radio__content`).map((o) => nodeText(o).trim()).join(' | ')}`);
  option.dispatchEvent('tap');
}

/**
 * Type into the TDesign input with this class, as the keyboard does: TDesign's own handler of its native input's
 * `input` event runs (exparser selectors cannot reach the native <input> node itself), then its `change` event.
 */
export function typeInto(page: Rendered, inputClass: string, value: string): void {
  const input = page.querySelector(`${inputClass}`) ?? page.querySelector(`.page >>> ${inputClass}`);
  const instance = input?.instance as unknown as { onInput?(e: { detail: { value: string; cursor: number; keyCode: number } }): void } | undefined;
  if (!instance?.onInput) throw new Error(`no TDesign input ${inputClass}`);
  instance.onInput({ detail: { value, cursor: value.length, keyCode: 0 } });
}

/** Tap the TDesign button inside `container`. */
export function tapButton(page: Rendered, container: string): void {
  const button = page.querySelector(`${container} >>> .t-button`);
  if (!button) throw new Error(`no button in ${container}`);
  button.dispatchEvent('tap');
}

/**
 * Call the api function directly as `openid` (setting up data, checking what a page did), over node's http:
 * jsdom has no fetch, so TestEmulator.api cannot be used in the pages project. Throws on an error answer.
 */
export function api<A extends ActionName>(baseUrl: string, openid: string, action: A, input: ActionInput<A>, now?: Date): Promise<ActionOutput<A>> {
  const body = JSON.stringify({ action, input });
  const url = new URL(`${baseUrl}/functions/api`);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-openid': openid };
  if (now) headers['x-now'] = now.toISOString();
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApiResponse<ActionOutput<A>>;
          if (answer.ok) resolve(answer.data);
          else reject(new Error(`${action} as ${openid}: ${answer.error.code} ${answer.error.message}`));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
