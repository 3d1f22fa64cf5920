/**
 * A "phone" for page tests: storage that lasts across the pages opened on it (bind, then home; roles, then home),
 * the local identity, and a fresh load of each page.
 *
 * Why a fresh load: miniprogram-simulate registers a component by running its js, and jest's module registry runs
 * a module once per test file, so a second page sharing components (t-button, ...) with the first would find them
 * unregistered. openPage() resets the registry first; the page then gets its own copy of miniprogram/services, so
 * the transport is installed into that same copy before the page loads.
 */
import http from 'node:http';
import { loadPage, showPage, type Rendered } from './render';
import type { ActionInput, ActionName, ActionOutput } from '../../../typings/actions';
import type { ApiResponse } from '../../../typings/errors';

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

/** Load a page afresh on this phone (by its folder: 'pages/home', 'areas/archive/pages/roster'), attach it and call its onLoad(query) like the runtime. */
export function openPage(phone: Phone, page: string, query: Record<string, string> = {}): Rendered {
  jest.resetModules();
  // this copy of local.ts installs into the copy of the transport module the page is about to load
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const local = require('./local') as typeof import('./local');
  local.installLocalTransport(phone);
  return showPage(loadPage(page), query);
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
  if (!option)
    throw new Error(
      `no option "${label}" in ${container}: ${page
        .querySelectorAll(`${container} >>> .t-radio__content`)
        .map((o) => nodeText(o).trim())
        .join(' | ')}`,
    );
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

/** The value a TDesign input (by class) currently shows. */
export function inputValue(page: Rendered, cls: string): string {
  const input = page.querySelector(cls) ?? page.querySelector(`.page >>> ${cls}`);
  return String((input?.instance as unknown as { data: { value: unknown } } | undefined)?.data.value ?? '');
}

/**
 * The api function's whole answer ({ok: true, data} or {ok: false, error}) to a direct call as `openid`, over node's
 * http: jsdom has no fetch, so TestEmulator.api cannot be used in the pages project.
 */
export function apiAnswer<A extends ActionName>(
  baseUrl: string,
  openid: string,
  action: A,
  input: ActionInput<A>,
  now?: Date,
): Promise<ApiResponse<ActionOutput<A>>> {
  const body = JSON.stringify({ action, input });
  const url = new URL(`${baseUrl}/functions/api`);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-openid': openid,
  };
  if (now) headers['x-now'] = now.toISOString();
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ApiResponse<ActionOutput<A>>);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Call the api function directly as `openid` (setting up data, checking what a page did). Throws on an error answer. */
export async function api<A extends ActionName>(baseUrl: string, openid: string, action: A, input: ActionInput<A>, now?: Date): Promise<ActionOutput<A>> {
  const answer = await apiAnswer(baseUrl, openid, action, input, now);
  if (answer.ok) return answer.data;
  throw new Error(`${action} as ${openid}: ${answer.error.code} ${answer.error.message}`);
}

/**
 * Pick a day in the <date-field> with this class as a person does: tap the field (TDesign's date picker opens), tap
 * the year, the month and the day in the picker's three columns, tap 确定. Fails when the picker does not offer the
 * day (before its start or after its end).
 */
export async function pickDate(page: Rendered, fieldClass: string, day: string): Promise<void> {
  // a tap is dispatched on a microtask: let each land before looking at what it changed
  const landed = () => new Promise((r) => setTimeout(r, 0));
  const field = page.querySelector(fieldClass) ?? page.querySelector(`.page >>> ${fieldClass}`);
  const cell = field?.querySelector('.date-field__cell');
  if (!field || !cell) throw new Error(`no <date-field> ${fieldClass}`);
  cell.dispatchEvent('tap');
  await landed();
  const [y, m, d] = day.split('-').map(Number);
  for (const [i, unit] of ['年', '月', '日'].entries()) {
    // the columns as the picker shows them now (a tap on a year or month redraws the columns after it)
    const columns = new Map<Element, Node[]>();
    for (const label of field.querySelectorAll('.date-field__picker >>> .t-picker-item__item-label')) {
      const column = (label.dom as HTMLElement).closest('[class*="t-picker-item__wrapper"]');
      if (column) columns.set(column, [...(columns.get(column) ?? []), label]);
    }
    const options = [...columns.values()][i] ?? [];
    const wanted = `${[y, m, d][i]}${unit}`;
    const option = options.find((o) => nodeText(o).replace(/\s/g, '') === wanted);
    if (!option) throw new Error(`the picker of ${fieldClass} offers no ${wanted}: ${options.map((o) => nodeText(o).trim()).join(' ')}`);
    option.dispatchEvent('tap');
    await landed();
  }
  const confirm = field.querySelector('.date-field__picker >>> .t-picker__confirm');
  if (!confirm) throw new Error(`tapping ${fieldClass} did not open its picker`);
  confirm.dispatchEvent('tap');
  await landed();
}
