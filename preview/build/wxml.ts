/**
 * WXML as the preview's renderer (j-component, bundled for the browser) needs it. What WeChat does and the
 * renderer does not, done here once at build time:
 *  - <wxs src="..."> modules are inlined (the renderer runs only inline wxs), with their require()s, and WXS's own
 *    builtins (getRegExp, getDate, x.constructor === 'Array') turned into plain JavaScript;
 *  - <template is="name" data="{{...}}"/> is replaced by the named template's body (from <import src> or the same
 *    file), reading its data through a one-item loop (the renderer drops templates: TDesign's icons, buttons,
 *    images are templates);
 *  - <include src="..."/> is replaced by the included file, less its <wxs>, <template> definitions and <import>s, as
 *    WeChat does (the renderer drops include nodes: TDesign's picker draws its toolbar and columns through one);
 *  - object spread and shorthand inside {{ }} are rewritten (expr.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MERGE_WXS, objectCode, objectEntries, rewriteBindings, rewriteExpression, bindings, type Entry } from './expr';

export type ReadFile = (file: string) => string;
export const readFileUtf8: ReadFile = (file) => fs.readFileSync(file, 'utf8');

// ---------- a small WXML reader: tags, text, comments; wxs bodies are raw ----------

export interface Attr {
  name: string;
  /** null: written without a value */
  value: string | null;
}
export type Node =
  | { type: 'open'; name: string; attrs: Attr[]; selfClosing: boolean }
  | { type: 'close'; name: string }
  | { type: 'text'; text: string }
  | { type: 'comment'; text: string };

const OPEN_TAG = /^<([-A-Za-z0-9_]+)((?:\s+[\w\-:.@]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^>\s]+))?)*)\s*(\/?)>/;
const CLOSE_TAG = /^<\/([-A-Za-z0-9_]+)\s*>/;
const ATTR = /([\w\-:.@]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^>\s]+)))?/g;

export function parseWxml(src: string): Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    if (rest.startsWith('<!--')) {
      const end = src.indexOf('-->', i);
      const stop = end < 0 ? src.length : end + 3;
      nodes.push({ type: 'comment', text: src.slice(i, stop) });
      i = stop;
      continue;
    }
    const close = CLOSE_TAG.exec(rest);
    if (close) {
      nodes.push({ type: 'close', name: close[1] });
      i += close[0].length;
      continue;
    }
    const open = OPEN_TAG.exec(rest);
    if (open) {
      const attrs: Attr[] = [];
      for (const m of open[2].matchAll(ATTR)) attrs.push({ name: m[1], value: m[2] ?? m[3] ?? m[4] ?? null });
      const node: Node = { type: 'open', name: open[1], attrs, selfClosing: open[3] === '/' };
      nodes.push(node);
      i += open[0].length;
      if (node.name === 'wxs' && !node.selfClosing) {
        const end = src.indexOf('</wxs>', i);
        if (end < 0) throw new Error('<wxs> without </wxs>');
        nodes.push({ type: 'text', text: src.slice(i, end) });
        nodes.push({ type: 'close', name: 'wxs' });
        i = end + '</wxs>'.length;
      }
      continue;
    }
    const next = src.indexOf('<', i + 1);
    const stop = next < 0 ? src.length : next;
    nodes.push({ type: 'text', text: src.slice(i, stop) });
    i = stop;
  }
  return nodes;
}

function attrText(a: Attr): string {
  if (a.value === null) return a.name;
  return a.value.includes('"') ? `${a.name}='${a.value}'` : `${a.name}="${a.value}"`;
}

export function printWxml(nodes: Node[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'open') return `<${n.name}${n.attrs.map((a) => ' ' + attrText(a)).join('')}${n.selfClosing ? '/' : ''}>`;
      if (n.type === 'close') return `</${n.name}>`;
      return n.text;
    })
    .join('');
}

const attr = (n: Extract<Node, { type: 'open' }>, name: string) => n.attrs.find((a) => a.name === name)?.value ?? null;

/** Index of the node closing the element opened at `open` (itself when self-closing). */
function elementEnd(nodes: Node[], open: number): number {
  const first = nodes[open] as Extract<Node, { type: 'open' }>;
  if (first.selfClosing) return open;
  let depth = 0;
  for (let i = open; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type === 'open' && n.name === first.name && !n.selfClosing) depth++;
    else if (n.type === 'close' && n.name === first.name && --depth === 0) return i;
  }
  throw new Error(`<${first.name}> is never closed`);
}

// ---------- wxs ----------

/** WXS code as plain JavaScript: its builtins and its require() of other .wxs files (inlined). */
export function convertWxs(code: string, file: string, read: ReadFile = readFileUtf8, seen: string[] = []): string {
  code = code.replace(/\brequire\(\s*['"]([^'"]+\.wxs)['"]\s*\)/g, (_all, spec: string) => {
    const target = path.resolve(path.dirname(file), spec);
    if (seen.includes(target)) throw new Error(`${file}: wxs require cycle through ${target}`);
    const inner = convertWxs(read(target), target, read, [...seen, file]);
    return `(function () { var module = { exports: {} }; var exports = module.exports;\n${inner}\n; return module.exports; })()`;
  });
  // getRegExp('\d+', 'g'): the pattern is the string's text as written (WXS keeps backslashes)
  code = code.replace(/\bgetRegExp\(\s*(['"])((?:\\.|(?!\1).)*)\1/g, (_all, _q: string, raw: string) => `__wxsRegExp(${JSON.stringify(raw)}`);
  code = code.replace(/\bgetDate\(/g, '__wxsDate(');
  // x.constructor is a type name in WXS ('Array', 'Object', 'String', ...)
  code = code.replace(/([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[\w$'"]+\])*)\.constructor\b/g, '__wxsType($1)');
  return WXS_PRELUDE + code;
}

const WXS_PRELUDE = [
  'var __wxsRegExp = function (p, f) { return new RegExp(p, f); };',
  'var __wxsDate = function () { var a = Array.prototype.slice.call(arguments); return a.length ? new (Function.prototype.bind.apply(Date, [null].concat(a)))() : new Date(); };',
  "var __wxsType = function (v) { if (v === null || v === undefined) return v; if (Array.isArray(v)) return 'Array'; if (v instanceof RegExp) return 'RegExp'; if (v instanceof Date) return 'Date';" +
    " var t = typeof v; return t === 'object' ? 'Object' : t === 'string' ? 'String' : t === 'number' ? 'Number' : t === 'boolean' ? 'Boolean' : t === 'function' ? 'Function' : t; };",
  '',
].join('\n');

/** Resolve a src attribute of a file under the mini-program root. */
export function resolveSrc(file: string, src: string, root: string): string {
  return src.startsWith('/') ? path.join(root, src) : path.resolve(path.dirname(file), src);
}

/** Every <wxs> becomes an inline module of plain JavaScript. */
export function inlineWxs(nodes: Node[], file: string, root: string, read: ReadFile = readFileUtf8): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type !== 'open' || n.name !== 'wxs') {
      out.push(n);
      continue;
    }
    const end = elementEnd(nodes, i);
    const module = attr(n, 'module');
    const src = attr(n, 'src');
    if (!module) throw new Error(`${file}: <wxs> without module`);
    let code = nodes
      .slice(i + 1, end)
      .map((x) => (x.type === 'text' ? x.text : ''))
      .join('');
    let from = file;
    if (src) {
      from = resolveSrc(file, src, root);
      code = read(from);
    }
    out.push(
      { type: 'open', name: 'wxs', attrs: [{ name: 'module', value: module }], selfClosing: false },
      { type: 'text', text: convertWxs(code, from, read) + '\n' },
      { type: 'close', name: 'wxs' },
    );
    i = end;
  }
  return out;
}

// ---------- includes ----------

/** Every <include src> becomes what it includes: the file's nodes without what an include does not carry. */
export function inlineIncludes(nodes: Node[], file: string, root: string, read: ReadFile = readFileUtf8, depth = 0): Node[] {
  if (depth > 4) throw new Error(`${file}: includes nested too deep`);
  const out: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type !== 'open' || n.name !== 'include') {
      out.push(n);
      continue;
    }
    i = elementEnd(nodes, i);
    const src = attr(n, 'src');
    if (!src) throw new Error(`${file}: <include> without src`);
    const target = resolveSrc(file, src.endsWith('.wxml') ? src : `${src}.wxml`, root);
    const included = inlineIncludes(parseWxml(read(target)), target, root, read, depth + 1);
    for (let k = 0; k < included.length; k++) {
      const x = included[k];
      const dropped = x.type === 'open' && (x.name === 'wxs' || x.name === 'import' || (x.name === 'template' && attr(x, 'name')));
      if (dropped) k = elementEnd(included, k);
      else out.push(x);
    }
  }
  return out;
}

// ---------- templates ----------

interface TemplateDef {
  body: Node[];
  file: string;
}

/** The templates a file can use: its own <template name>, and those of the files it <import>s (not transitively). */
function templateDefs(nodes: Node[], file: string, root: string, read: ReadFile): Map<string, TemplateDef> {
  const defs = new Map<string, TemplateDef>();
  const own = (list: Node[], from: string, into: Map<string, TemplateDef>) => {
    for (let i = 0; i < list.length; i++) {
      const n = list[i];
      if (n.type === 'open' && n.name === 'template' && attr(n, 'name')) {
        const end = elementEnd(list, i);
        into.set(attr(n, 'name')!, { body: list.slice(i + 1, end), file: from });
        i = end;
      }
    }
  };
  for (const n of nodes) {
    if (n.type === 'open' && n.name === 'import' && attr(n, 'src')) {
      const target = resolveSrc(file, attr(n, 'src')!, root);
      own(parseWxml(read(target)), target, defs);
    }
  }
  own(nodes, file, defs);
  return defs;
}

const CONDITIONS = ['wx:if', 'wx:elif', 'wx:else'];
const EVENT_ATTR = /^(capture-|mut-)?(bind|catch)(:)?[a-z]/i;

/** Names a template body binds itself (loop items and indexes), which stay as they are. */
function boundNames(body: Node[]): Set<string> {
  const names = new Set<string>();
  for (const n of body) {
    if (n.type !== 'open' || !attr(n, 'wx:for')) continue;
    names.add(attr(n, 'wx:for-item') ?? 'item');
    names.add(attr(n, 'wx:for-index') ?? 'index');
  }
  return names;
}

/** wxs modules declared in a node list. */
function wxsModules(nodes: Node[]): Set<string> {
  return new Set(nodes.flatMap((n) => (n.type === 'open' && n.name === 'wxs' && attr(n, 'module') ? [attr(n, 'module')!] : [])));
}

/**
 * The value a template's data gives a key when it is a string literal no later spread can change: the static
 * event handler names of TDesign's templates (bindclick: 'handleClose').
 */
function staticString(entries: Entry[], key: string): string | null {
  let value: string | null = null;
  for (const e of entries) {
    if ('spread' in e) value = null;
    else if (e.key === key) value = /^'[^'\\]*'$|^"[^"\\]*"$/.test(e.value) ? e.value.slice(1, -1) : null;
  }
  return value;
}

let templateUse = 0;

/** Replace every <template is> by its body (see the file comment). Needs MERGE_WXS when `usesMerge`. */
export function inlineTemplates(nodes: Node[], file: string, root: string, read: ReadFile = readFileUtf8, depth = 0): { nodes: Node[]; usesMerge: boolean } {
  if (depth > 4) throw new Error(`${file}: templates nested too deep`);
  const defs = templateDefs(nodes, file, root, read);
  const keep = wxsModules(nodes);
  let usesMerge = false;
  const out: Node[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type === 'open' && n.name === 'import') {
      if (!n.selfClosing) i = elementEnd(nodes, i);
      continue;
    }
    if (n.type !== 'open' || n.name !== 'template') {
      out.push(n);
      continue;
    }
    const end = elementEnd(nodes, i);
    i = end;
    if (attr(n, 'name')) continue; // a definition: used where it is included
    const is = attr(n, 'is');
    if (!is) continue;
    if (bindings(is).length) throw new Error(`${file}: <template is="${is}">: a computed template name cannot be inlined`);
    const def = defs.get(is);
    if (!def) throw new Error(`${file}: <template is="${is}">: no such template (imported or in the file)`);

    const loopVar = `__tpl${templateUse++}`;
    const dataSrc = attr(n, 'data') ?? '';
    const dataBinding = bindings(dataSrc)[0];
    const data = dataBinding ? objectEntries(dataSrc.slice(dataBinding.start, dataBinding.end)) : { entries: [] as Entry[], usesMerge: false };
    const dataObject = objectCode(data.entries);
    usesMerge ||= data.usesMerge || dataObject.usesMerge;

    const own = new Set([...boundNames(def.body), ...keep, ...wxsModules(def.body)]);
    const rename = (name: string) => (own.has(name) ? undefined : `${loopVar}.${name}`);
    const inner = inlineTemplates(def.body, def.file, root, read, depth + 1);
    usesMerge ||= inner.usesMerge;
    const body: Node[] = [];
    for (const b of inner.nodes) {
      if (b.type === 'text') {
        const r = rewriteBindings(b.text, { rename });
        usesMerge ||= r.usesMerge;
        body.push({ type: 'text', text: r.code });
      } else if (b.type === 'open') {
        const attrs: Attr[] = [];
        for (const a of b.attrs) {
          if (a.value === null || b.name === 'wxs') {
            attrs.push(a);
            continue;
          }
          const binding = bindings(a.value);
          if (EVENT_ATTR.test(a.name) && binding.length) {
            // a handler named by the template's data: known only when the data says so with a literal
            const only = /^\s*([A-Za-z_$][\w$]*)\s*(?:\|\|\s*(?:''|""))?\s*$/.exec(a.value.slice(binding[0].start, binding[0].end));
            const handler = only ? staticString(data.entries, only[1]) : null;
            if (handler) attrs.push({ name: a.name, value: handler });
            continue;
          }
          const r = rewriteBindings(a.value, { rename });
          usesMerge ||= r.usesMerge;
          attrs.push({ name: a.name, value: r.code });
        }
        body.push({ ...b, attrs });
      } else body.push(b);
    }

    const condition = n.attrs.find((a) => CONDITIONS.includes(a.name));
    const loop: Node = {
      type: 'open',
      name: 'block',
      attrs: [
        { name: 'wx:for', value: `{{ [${dataObject.code}] }}` },
        { name: 'wx:for-item', value: loopVar },
        { name: 'wx:for-index', value: `${loopVar}i` },
      ],
      selfClosing: false,
    };
    if (condition) out.push({ type: 'open', name: 'block', attrs: [condition], selfClosing: false });
    out.push(loop, ...body, { type: 'close', name: 'block' });
    if (condition) out.push({ type: 'close', name: 'block' });
  }
  return { nodes: out, usesMerge };
}

// ---------- bindings everywhere ----------

/** Rewrite spread and shorthand in every {{ }} outside wxs. */
export function rewriteAll(nodes: Node[]): { nodes: Node[]; usesMerge: boolean } {
  let usesMerge = false;
  let inWxs = false;
  const out = nodes.map((n): Node => {
    if (n.type === 'open' && n.name === 'wxs') inWxs = !n.selfClosing;
    if (n.type === 'close' && n.name === 'wxs') inWxs = false;
    if (n.type === 'text' && !inWxs) {
      const r = rewriteBindings(n.text);
      usesMerge ||= r.usesMerge;
      return { type: 'text', text: r.code };
    }
    if (n.type === 'open' && n.name !== 'wxs') {
      return {
        ...n,
        attrs: n.attrs.map((a) => {
          if (a.value === null || EVENT_ATTR.test(a.name)) return a;
          const r = rewriteBindings(a.value);
          usesMerge ||= r.usesMerge;
          return { ...a, value: r.code };
        }),
      };
    }
    return n;
  });
  return { nodes: out, usesMerge };
}

/** The whole WXML pipeline for one component's template. */
export function transformWxml(src: string, file: string, root: string, read: ReadFile = readFileUtf8): string {
  const withWxs = inlineWxs(inlineIncludes(parseWxml(src), file, root, read), file, root, read);
  const inlined = inlineTemplates(withWxs, file, root, read);
  const rewritten = rewriteAll(inlined.nodes);
  const wxml = printWxml(rewritten.nodes);
  return (inlined.usesMerge || rewritten.usesMerge ? MERGE_WXS : '') + wxml;
}

/** Exposed for tests: one expression as the renderer will read it. */
export const rewriteOne = (src: string) => rewriteExpression(src).code;
