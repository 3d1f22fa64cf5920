/**
 * WXML data-binding expressions ({{ ... }}), rewritten for the renderer the preview runs in the browser
 * (j-component, whose expression parser reads a subset of what WeChat reads):
 *  - object literals with spread or shorthand ({ ...badgeProps }, {dot, count}) become a call of the `merge` helper
 *    (MERGE_MODULE, put into the template as a wxs module) or a plain literal;
 *  - free identifiers can be renamed (an inlined <template> reads its data from a loop variable);
 *  - no `}}` is left inside an expression (the renderer ends the expression at the first one).
 */

export type Token = { kind: 'string' | 'number' | 'name' | 'punct' | 'space'; text: string };

/** Name of the wxs module holding `merge` in a rewritten template. */
export const MERGE_MODULE = '__pv';

/** The wxs module for MERGE_MODULE: later arguments win, as in an object spread. */
export const MERGE_WXS = `<wxs module="${MERGE_MODULE}">module.exports.merge = function () { var out = {}; for (var i = 0; i < arguments.length; i++) { var src = arguments[i]; if (src) for (var k in src) out[k] = src[k]; } return out; };</wxs>`;

const PUNCTS = [
  '...',
  '===',
  '!==',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '<',
  '>',
  '=',
];
const CONSTANTS = new Set(['true', 'false', 'null', 'undefined']);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      let j = i;
      while (j < src.length && /\s/.test(src[j])) j++;
      tokens.push({ kind: 'space', text: src.slice(i, j) });
      i = j;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== ch) j += src[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', text: src.slice(i, j + 1) });
      i = j + 1;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(src[i + 1] ?? '') && !/[\w$)\]]/.test(prevChar(tokens)))) {
      const m = /^(\d*\.?\d+(?:e[+-]?\d+)?|\d+\.)/i.exec(src.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(ch)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))!;
      tokens.push({ kind: 'name', text: m[0] });
      i += m[0].length;
    } else {
      const p = PUNCTS.find((x) => src.startsWith(x, i));
      if (!p) throw new Error(`cannot read expression at "${src.slice(i, i + 20)}": ${src}`);
      tokens.push({ kind: 'punct', text: p });
      i += p.length;
    }
  }
  return tokens;
}

function prevChar(tokens: Token[]): string {
  const last = tokens[tokens.length - 1];
  return last ? last.text[last.text.length - 1] : '';
}

/** Index of the bracket closing the one at `open`. */
function closing(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i].text;
    if (tokens[i].kind !== 'punct') continue;
    if (t === '(' || t === '[' || t === '{') depth++;
    else if (t === ')' || t === ']' || t === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced brackets: ${tokens.map((x) => x.text).join('')}`);
}

/** Split at the commas of depth 0. */
function splitTop(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
      else if (t.text === ',' && depth === 0) {
        parts.push([]);
        continue;
      }
    }
    parts[parts.length - 1].push(t);
  }
  return parts.map((p) => trim(p)).filter((p) => p.length);
}

function trim(tokens: Token[]): Token[] {
  let a = 0;
  let b = tokens.length;
  while (a < b && tokens[a].kind === 'space') a++;
  while (b > a && tokens[b - 1].kind === 'space') b--;
  return tokens.slice(a, b);
}

export interface RewriteOptions {
  /** New text for a free identifier (one that is no property name, object key or constant); undefined keeps it. */
  rename?: (name: string) => string | undefined;
}

export interface Rewritten {
  code: string;
  /** The code calls MERGE_MODULE.merge: the template needs MERGE_WXS. */
  usesMerge: boolean;
}

/** One entry of an object literal. */
export type Entry = { spread: string } | { key: string; value: string };

class Rewriter {
  usesMerge = false;
  constructor(private readonly options: RewriteOptions) {}

  expression(tokens: Token[]): string {
    let out = '';
    let prev: Token | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'punct' && t.text === '{') {
        const end = closing(tokens, i);
        out += this.object(this.entries(tokens.slice(i + 1, end)));
        i = end;
        prev = tokens[end];
        continue;
      }
      if (t.kind === 'name' && !(prev?.kind === 'punct' && prev.text === '.') && !CONSTANTS.has(t.text)) out += this.options.rename?.(t.text) ?? t.text;
      else out += t.text;
      if (t.kind !== 'space') prev = t;
    }
    return out;
  }

  entries(inner: Token[]): Entry[] {
    return splitTop(inner).map((entry): Entry => {
      if (entry[0].kind === 'punct' && entry[0].text === '...') return { spread: this.expression(trim(entry.slice(1))) };
      const colon = entry.findIndex((t) => t.kind === 'punct' && t.text === ':');
      if (colon < 0) {
        if (entry.length !== 1 || entry[0].kind !== 'name') throw new Error(`cannot read object entry "${entry.map((t) => t.text).join('')}"`);
        return { key: entry[0].text, value: this.expression(entry) };
      }
      return {
        key: trim(entry.slice(0, colon))
          .map((t) => t.text)
          .join(''),
        value: this.expression(trim(entry.slice(colon + 1))).trim(),
      };
    });
  }

  object(entries: Entry[]): string {
    const literal = (group: { key: string; value: string }[]) => `{${group.map((e) => `${e.key}: ${e.value}`).join(', ')}}`;
    if (!entries.some((e) => 'spread' in e)) return literal(entries as { key: string; value: string }[]);
    this.usesMerge = true;
    const args: string[] = [];
    let group: { key: string; value: string }[] = [];
    for (const e of entries) {
      if ('spread' in e) {
        if (group.length) args.push(literal(group));
        group = [];
        args.push(e.spread);
      } else group.push(e);
    }
    if (group.length) args.push(literal(group));
    return `${MERGE_MODULE}.merge(${args.join(', ')})`;
  }
}

/** No `}}` inside the expression: the renderer would end it there. */
function spaceBraces(code: string): string {
  return code.replace(/\}(?=\})/g, '} ');
}

export function rewriteExpression(src: string, options: RewriteOptions = {}): Rewritten {
  const r = new Rewriter(options);
  return { code: spaceBraces(r.expression(tokenize(src))), usesMerge: r.usesMerge };
}

/** The entries of an object literal written without its braces (a <template>'s data="{{a: 1, ...b}}"). */
export function objectEntries(src: string, options: RewriteOptions = {}): { entries: Entry[]; usesMerge: boolean } {
  const r = new Rewriter(options);
  const entries = r.entries(tokenize(src));
  return { entries, usesMerge: r.usesMerge };
}

/** Code of an object built from entries (merge when there is a spread). */
export function objectCode(entries: Entry[]): Rewritten {
  const r = new Rewriter({});
  return { code: spaceBraces(r.object(entries)), usesMerge: r.usesMerge };
}

/** Where the {{ }} of a WXML text or attribute value are: [start, end) of each expression's inside. */
export function bindings(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  let i = text.indexOf('{{');
  while (i >= 0) {
    const start = i + 2;
    let depth = 0;
    let quote = '';
    let j = start;
    for (; j < text.length; j++) {
      const ch = text[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth++;
      else if (ch === '}') {
        if (depth === 0 && text[j + 1] === '}') break;
        depth--;
      }
    }
    if (j >= text.length) break;
    found.push({ start, end: j });
    i = text.indexOf('{{', j + 2);
  }
  return found;
}

/** Rewrite every {{ }} of a WXML text or attribute value. */
export function rewriteBindings(text: string, options: RewriteOptions = {}): Rewritten {
  let usesMerge = false;
  let out = '';
  let last = 0;
  for (const { start, end } of bindings(text)) {
    const r = rewriteExpression(text.slice(start, end), options);
    usesMerge ||= r.usesMerge;
    out += `${text.slice(last, start)} ${r.code.trim()} `;
    last = end;
  }
  return { code: out + text.slice(last), usesMerge };
}
