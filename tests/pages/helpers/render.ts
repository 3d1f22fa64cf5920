/**
 * Rendering pages with miniprogram-simulate and waiting for what they show.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { resolveNpmComponents } from './npm-components';
import { simulateIncludes } from './wxml-include';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../../miniprogram');

resolveNpmComponents(MINIPROGRAM_ROOT);
simulateIncludes();

/**
 * TDesign components replaced by stand-ins under simulation, by tag (simulate applies them in every json):
 * t-grid-item and the t-badge inside it write ES6 shorthand and spread in attributes ({{ {dot,count} }},
 * {{ f({ ...badgeProps }) }}), which simulate's expression parser cannot read. The rest is TDesign itself.
 */
const stub = (name: string) => '/' + path.relative(MINIPROGRAM_ROOT, path.join(__dirname, 'stubs', name, name));
const STUBS = { 't-badge': stub('badge'), 't-grid-item': stub('grid-item') };

export type Rendered = ReturnType<typeof simulate.render>;

/**
 * Load a (Component()-written) page with its components, by its folder under miniprogram/: 'pages/home' in the main
 * package, 'areas/archive/pages/roster' in a subpackage. Answers simulate's component id.
 */
export function loadPage(page: string): string {
  return simulate.load(path.join(MINIPROGRAM_ROOT, page, 'index'), {
    compiler: 'simulate',
    rootPath: MINIPROGRAM_ROOT,
    usingComponents: { ...STUBS },
  });
}

/** Render a loaded page, attach it and call its onLoad(query) like the runtime. */
export function showPage(id: string, query: Record<string, string> = {}): Rendered {
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as { onLoad?(q: Record<string, string>): void }).onLoad?.(query);
  return page;
}

/**
 * Component ids by page, for renderPage. A page (and the components it uses) is loaded once per test file: simulate
 * registers components by running their js, and jest's module registry does not run a module twice. (phone.ts
 * openPage instead loads each page afresh in a new registry, so that one file can open several pages.)
 */
const loaded = new Map<string, string>();

/** Load (once per test file) and show a page, by its folder ('pages/home', 'areas/archive/pages/roster'). */
export function renderPage(page: string, query: Record<string, string> = {}): Rendered {
  let id = loaded.get(page);
  if (!id) {
    id = loadPage(page);
    loaded.set(page, id);
  }
  return showPage(id, query);
}

/** All the text the page shows. */
export function textOf(page: Rendered): string {
  return (page.dom as HTMLElement).textContent ?? '';
}

/** Poll until check() passes (setData after an async call), or fail with what the page shows. */
export async function waitFor(page: Rendered, check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the page shows: ${textOf(page).replace(/\s+/g, ' ').trim()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Wait until the page shows the text. */
export function waitForText(page: Rendered, text: string, timeoutMs?: number): Promise<void> {
  return waitFor(page, () => textOf(page).includes(text), `"${text}"`, timeoutMs);
}

/** Tap a node (a plain view, or a node inside a TDesign component: those are virtual hosts with no node of their own). */
export function tap(page: Rendered, selector: string): void {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`no node matches ${selector}`);
  node.dispatchEvent('tap');
}

/** Wait until the page's first screen is in (正在加载 has gone). */
export function waitForFirstScreen(page: Rendered): Promise<void> {
  return waitFor(page, () => !textOf(page).includes('正在加载'), 'the first screen');
}
