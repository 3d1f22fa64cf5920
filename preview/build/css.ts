/**
 * WXSS as CSS for the preview, at build time:
 *  - @import inlined;
 *  - rpx in px at the phone's width (WeChat: 750rpx = screen width; the renderer would write 1rpx = 1px), and vh/vw
 *    of the phone screen, not of the browser window (the --pv-vh / --pv-vw variables the frame sets);
 *  - class names scoped as the renderer writes them in the DOM (each component's classes carry its tag as a
 *    prefix: `.btn` in t-button's wxss is `.t-button--btn`), built-in tags as the renderer names them (view:
 *    wx-view), and `page` of a page's own wxss only on that page;
 *  - remote @font-face rules dropped (nothing outside this machine is reachable; icons are drawn by icons.ts).
 */
import path from 'node:path';
import { readFileUtf8, resolveSrc, type ReadFile } from './wxml';

/** The phone the preview draws: 375 CSS px wide, so 1rpx = 0.5px. */
export const PHONE_WIDTH = 375;
export const RPX_TO_PX = PHONE_WIDTH / 750;

/** WeChat's built-in components, as tags in wxss selectors. */
export const BUILTIN_TAGS = [
  'view',
  'scroll-view',
  'swiper',
  'swiper-item',
  'movable-area',
  'movable-view',
  'cover-view',
  'cover-image',
  'icon',
  'text',
  'rich-text',
  'progress',
  'button',
  'checkbox',
  'checkbox-group',
  'editor',
  'form',
  'input',
  'label',
  'picker',
  'picker-view',
  'picker-view-column',
  'radio',
  'radio-group',
  'slider',
  'switch',
  'textarea',
  'navigator',
  'image',
  'video',
  'camera',
  'map',
  'canvas',
  'web-view',
  'open-data',
  'block',
];
const BUILTIN = new Set(BUILTIN_TAGS);

export function inlineImports(css: string, file: string, root: string, read: ReadFile = readFileUtf8, seen: string[] = []): string {
  return css.replace(/@import\s+(?:url\(\s*)?(["'])([^"']+)\1\s*\)?\s*;/g, (_all, _q: string, spec: string) => {
    const target = resolveSrc(file, spec, root);
    if (seen.includes(target)) return '';
    return inlineImports(read(target), target, root, read, [...seen, file]);
  });
}

const round = (n: number) => String(Math.round(n * 1000) / 1000);

/** rpx to px at the phone's width; `vh`/`vw` of the phone screen. */
export function convertUnits(css: string): string {
  return css
    .replace(/(-?\d*\.?\d+)rpx\b/gi, (_all, n: string) => `${round(parseFloat(n) * RPX_TO_PX)}px`)
    .replace(/(-?\d*\.?\d+)v([hw])\b/g, (_all, n: string, axis: string) => `calc(var(--pv-v${axis}, 1v${axis}) * ${n})`);
}

export interface ScopeOptions {
  /** The component's class prefix (its tag), '' for none. */
  prefix: string;
  /** A page's own wxss: its `page` selector means this page only. */
  route?: string;
  /** Every selector only under this page (the page's wxss applied to a component that shares its styles). */
  underRoute?: string;
}

/** One selector, scoped (see the file comment). */
export function scopeSelector(selector: string, options: ScopeOptions): string {
  let out = '';
  let i = 0;
  let compoundStart = true;
  let startsWithPage = false;
  const s = selector.trim();
  while (i < s.length) {
    const ch = s[i];
    if (ch === '[') {
      const end = s.indexOf(']', i);
      out += s.slice(i, end + 1);
      i = end + 1;
      compoundStart = false;
    } else if (ch === '"' || ch === "'") {
      const end = s.indexOf(ch, i + 1);
      out += s.slice(i, end + 1);
      i = end + 1;
    } else if (ch === '.' && /[-_a-zA-Z]/.test(s[i + 1] ?? '')) {
      const m = /^\.(-?[_a-zA-Z][-_a-zA-Z0-9]*)/.exec(s.slice(i))!;
      out += options.prefix ? `.${options.prefix}--${m[1]}` : m[0];
      i += m[0].length;
      compoundStart = false;
    } else if (compoundStart && /[a-zA-Z]/.test(ch)) {
      const m = /^[a-zA-Z][-a-zA-Z0-9]*/.exec(s.slice(i))!;
      const tag = m[0];
      if (tag === 'page') {
        if (out.trim() === '') startsWithPage = true;
        out += options.route ? `page[data-route="${options.route}"]` : options.underRoute ? `page[data-route="${options.underRoute}"]` : 'page';
      } else out += BUILTIN.has(tag) ? `wx-${tag}` : tag;
      i += tag.length;
      compoundStart = false;
    } else if (ch === ':') {
      // pseudo classes/elements, and what they take: :not(.x) keeps scoping inside
      const m = /^::?[-a-zA-Z]+/.exec(s.slice(i))!;
      out += m[0];
      i += m[0].length;
      compoundStart = false;
    } else {
      out += ch;
      compoundStart = /[\s>+~,(]/.test(ch);
      i += 1;
    }
  }
  if (options.underRoute && !startsWithPage) out = `page[data-route="${options.underRoute}"] ${out}`;
  return out;
}

/** Split a selector list at its top-level commas. */
function splitSelectors(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of list) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The end of the block whose `{` is at `open`. */
function blockEnd(css: string, open: number): number {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    const ch = css[i];
    if (ch === '"' || ch === "'") {
      i = css.indexOf(ch, i + 1);
      if (i < 0) break;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced css block at ${css.slice(open, open + 40)}`);
}

export interface CompileResult {
  css: string;
  /** Remote fonts dropped. */
  droppedFonts: string[];
}

/** Scope the rules of a stylesheet (comments removed). */
export function scopeCss(css: string, options: ScopeOptions, dropped: string[] = []): string {
  css = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    const semi = css.indexOf(';', i);
    if (open < 0) break;
    if (semi >= 0 && semi < open && css.slice(i, semi).trim().startsWith('@')) {
      out += css.slice(i, semi + 1); // @charset ...;
      i = semi + 1;
      continue;
    }
    const head = css.slice(i, open).trim();
    const end = blockEnd(css, open);
    const body = css.slice(open + 1, end);
    if (head.startsWith('@media') || head.startsWith('@supports')) out += `${head}{${scopeCss(body, options, dropped)}}`;
    else if (head.startsWith('@font-face')) {
      if (/url\(\s*["']?(?:https?:)?\/\//.test(body)) dropped.push(/font-family\s*:\s*([^;]+)/.exec(body)?.[1]?.trim() ?? '?');
      else out += `${head}{${body}}`;
    } else if (head.startsWith('@'))
      out += `${head}{${body}}`; // @keyframes: selectors are percentages
    else
      out += `${splitSelectors(head)
        .map((sel) => scopeSelector(sel, options))
        .join(',')}{${body}}`;
    out += '\n';
    i = end + 1;
  }
  return out;
}

/** A wxss file as the preview's CSS. */
export function compileWxss(file: string, root: string, options: ScopeOptions, read: ReadFile = readFileUtf8): CompileResult {
  const dropped: string[] = [];
  let src: string;
  try {
    src = read(file);
  } catch {
    return { css: '', droppedFonts: [] };
  }
  const css = convertUnits(scopeCss(inlineImports(src, file, root, read), options, dropped));
  return { css: `/* ${path.relative(root, file)} */\n${css}`, droppedFonts: dropped };
}
