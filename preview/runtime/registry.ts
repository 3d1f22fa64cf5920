/**
 * Components as WeChat loads them, over j-component: a component's script calls the global Component() (or
 * Page()) once when it first runs; that call is registered with the template, tag and usingComponents the build
 * recorded for it. A page is loaded (with everything it uses, each after what it uses) the first time it opens.
 */
import jComponent from 'j-component';
import type { ComponentEntry, Loaders, Manifest } from './manifest';
import { problem } from './problems';

type Definition = Record<string, unknown> & {
  options?: Record<string, unknown>;
  relations?: Record<string, Record<string, unknown>>;
  methods?: Record<string, unknown>;
};

let manifest: Manifest;
let loaders: Loaders;
/** The component whose script is running (Component() belongs to it). */
let loading: { id: string; entry: ComponentEntry } | null = null;
const registered = new Set<string>();
const pathToId = new Map<string, string>();

function normalize(p: string): string {
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

function dirname(p: string): string {
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

/** The global Component(): registers the component whose script is running. */
function Component(definition: Definition): void {
  if (!loading) {
    problem(`Component() 在组件脚本之外被调用`);
    return;
  }
  const { id, entry } = loading;
  if (registered.has(id)) return;
  const relations: Record<string, Record<string, unknown>> = {};
  for (const [key, rel] of Object.entries(definition.relations ?? {})) {
    const target = pathToId.get(key.startsWith('/') ? normalize(key) : normalize(`${dirname(entry.path)}/${key}`));
    if (target) relations[target] = { ...rel, target };
  }
  jComponent.register({
    ...definition,
    id,
    path: entry.path,
    template: entry.template,
    usingComponents: entry.using,
    tagName: entry.tag,
    relations,
    options: { classPrefix: entry.tag, ...(definition.options ?? {}) },
  } as never);
  registered.add(id);
}

/** Page(): the older page constructor, as a component whose functions are its methods. */
function Page(options: Record<string, unknown>): void {
  const methods: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) (typeof v === 'function' ? methods : rest)[k] = v;
  Component({ data: (rest.data as Record<string, unknown>) ?? {}, methods });
}

/** Load a component: what it uses first, then its script (which calls Component()). */
export function ensureComponent(id: string): void {
  if (registered.has(id)) return;
  const entry = manifest.components[id];
  if (!entry) throw new Error(`no component ${id}`);
  for (const dep of Object.values(entry.using)) ensureComponent(dep);
  const outer = loading;
  loading = { id, entry };
  try {
    loaders[id]();
  } finally {
    loading = outer;
  }
  if (!registered.has(id)) throw new Error(`${entry.path}: its script did not call Component()`);
}

export function installRegistry(m: Manifest, l: Loaders): void {
  manifest = m;
  loaders = l;
  for (const [id, entry] of Object.entries(m.components)) pathToId.set(entry.path, id);
  const g = globalThis as unknown as Record<string, unknown>;
  g.Component = Component;
  g.Page = Page;
  g.Behavior = (definition: Record<string, unknown>) => jComponent.behavior(definition as never);
}
