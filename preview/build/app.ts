/**
 * What the mini-program is made of, read as WeChat reads it: app.json's pages and subpackages (subPackages or
 * subpackages, each page under its root), each page's json (window settings, usingComponents, app.json's global
 * usingComponents), and the components they name, recursively.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[]; name?: string }[];
  subpackages?: { root: string; pages: string[]; name?: string }[];
  window?: Record<string, unknown>;
  usingComponents?: Record<string, string>;
  tabBar?: { list: { pagePath: string; text?: string }[] };
  [key: string]: unknown;
}

export interface ComponentInfo {
  /** '/pages/home/index', '/miniprogram_npm/tdesign-miniprogram/button/button': the path WeChat knows it by */
  path: string;
  /** The tag its DOM node and class prefix carry (unique per component). */
  tag: string;
  /** Tag used in its template -> path of the component. */
  using: Record<string, string>;
  /** Its json (without usingComponents). */
  json: Record<string, unknown>;
  /** The js or ts file of the component. */
  script: string;
  /** A page (by route) or a component. */
  route?: string;
}

/** Every page route of the app: main package first (the first is the entry), then the subpackages. */
export function pageRoutes(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? [];
  const routes = [...app.pages, ...subs.flatMap((sp) => sp.pages.map((p) => `${sp.root.replace(/\/+$/, '')}/${p}`))];
  return [...new Set(routes.map((r) => r.replace(/^\/+/, '')))];
}

/** A usingComponents value as a component path. */
export function resolveComponent(from: string, spec: string, root: string): string {
  if (spec.startsWith('plugin://')) throw new Error(`${from}: plugin components (${spec}) cannot run outside WeChat`);
  if (spec.startsWith('/')) return path.posix.normalize(spec);
  if (spec.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  // an npm component: miniprogram_npm/<package>/..., as DevTools resolves it
  const npm = `/miniprogram_npm/${spec}`;
  const base = path.join(root, npm);
  if (fs.existsSync(`${base}.json`)) return npm;
  if (fs.existsSync(path.join(base, 'index.json'))) return `${npm}/index`;
  throw new Error(`${from}: usingComponents "${spec}" not found (run npm run build first?)`);
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

function scriptOf(root: string, p: string): string {
  for (const ext of ['.ts', '.js']) if (fs.existsSync(path.join(root, p + ext))) return path.join(root, p + ext);
  throw new Error(`${p}: no .ts or .js`);
}

/** A tag for the DOM node and class prefix of a page. */
export function pageTag(route: string): string {
  return `p-${route
    .replace(/\/index$/, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()}`;
}

/** All components of the app, pages included, keyed by path; tags unique. */
export function collectComponents(root: string, app: AppJson): Map<string, ComponentInfo> {
  const found = new Map<string, ComponentInfo>();
  const tags = new Set<string>();
  const uniqueTag = (wanted: string) => {
    let tag = /-/.test(wanted) ? wanted : `c-${wanted}`;
    for (let n = 2; tags.has(tag); n++) tag = `${wanted}-${n}`;
    tags.add(tag);
    return tag;
  };
  const visit = (p: string, wantedTag: string, route?: string): void => {
    if (found.has(p)) return;
    const jsonFile = path.join(root, `${p}.json`);
    if (!fs.existsSync(jsonFile)) throw new Error(`component ${p}: no ${p}.json`);
    const json = readJson(jsonFile);
    const declared = { ...(route ? (app.usingComponents ?? {}) : {}), ...((json.usingComponents as Record<string, string>) ?? {}) };
    const using: Record<string, string> = {};
    for (const [tag, spec] of Object.entries(declared)) using[tag] = resolveComponent(p, spec, root);
    const { usingComponents: _u, ...rest } = json;
    const info: ComponentInfo = { path: p, tag: uniqueTag(wantedTag), using, json: rest, script: scriptOf(root, p), route };
    found.set(p, info);
    for (const [tag, dep] of Object.entries(using)) visit(dep, tag);
  };
  for (const route of pageRoutes(app)) visit(`/${route}`, pageTag(route), route);
  return found;
}

/** Components in the order they can be registered: each after the components it uses. */
export function registrationOrder(components: Map<string, ComponentInfo>, start: string, seen = new Set<string>(), out: string[] = []): string[] {
  if (seen.has(start)) return out;
  seen.add(start);
  for (const dep of Object.values(components.get(start)?.using ?? {})) registrationOrder(components, dep, seen, out);
  out.push(start);
  return out;
}
