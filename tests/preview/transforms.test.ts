/**
 * The preview's build step: what it rewrites in WXML, WXS and WXSS so the renderer draws what WeChat draws. The
 * rewritten expressions are run with the renderer's own expression parser (expr-parser), so these tests show they
 * compute what WeChat computes, not only that the text changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Expression from 'expr-parser';
import { MERGE_MODULE, rewriteExpression } from '../../preview/build/expr';
import { convertWxs, parseWxml, printWxml, transformWxml } from '../../preview/build/wxml';
import { convertUnits, scopeCss, scopeSelector } from '../../preview/build/css';
import { iconCss, iconNames, maskSvg } from '../../preview/build/icons';
import { J_COMPONENT_PATCHES } from '../../preview/build/index';

/** The merge helper as the template's wxs module defines it. */
function mergeModule(): Record<string, unknown> {
  const wxs = /<wxs module="[^"]+">([\s\S]*)<\/wxs>/.exec(transformWxml('<view a="{{ {...x} }}"/>', '/x.wxml', '/'))![1];
  const mod = { exports: {} as Record<string, unknown> };
  new Function('require', 'module', wxs)(() => undefined, mod);
  return mod.exports;
}

/** Evaluate an expression as the renderer does. */
function evaluate(code: string, data: Record<string, unknown>): unknown {
  return new Expression(code).parse()({ [MERGE_MODULE]: mergeModule(), ...data });
}

describe('expressions', () => {
  test('object spread becomes a merge, later entries winning as in JavaScript', () => {
    const { code, usesMerge } = rewriteExpression("{ size: 22, name: 'close', ...closeBtn }");
    expect(usesMerge).toBe(true);
    expect(evaluate(code, { closeBtn: { size: 30, color: 'red' } })).toEqual({ size: 30, name: 'close', color: 'red' });
    expect(evaluate(code, { closeBtn: null })).toEqual({ size: 22, name: 'close' });
  });

  test('shorthand properties become key: value', () => {
    const { code, usesMerge } = rewriteExpression('{dot, count}');
    expect(usesMerge).toBe(false);
    expect(evaluate(code, { dot: true, count: 3 })).toEqual({ dot: true, count: 3 });
  });

  test('no "}}" is left inside the expression (the renderer would end it there)', () => {
    const { code } = rewriteExpression('f({ a: { b: 1 }})');
    expect(code).not.toContain('}}');
    expect(evaluate(code, { f: (o: unknown) => o })).toEqual({ a: { b: 1 } });
  });

  test('renaming touches free identifiers only: not properties, object keys, strings or constants', () => {
    const rename = (n: string) => `d.${n}`;
    const { code } = rewriteExpression("name ? { name: name, 'x': a.name } : 'name' + true", { rename });
    expect(code).toBe("d.name ? {name: d.name, 'x': d.a.name} : 'name' + true");
  });

  test('an expression the rewriter cannot read fails the build with the expression in the message', () => {
    expect(() => rewriteExpression('a # b')).toThrow(/a # b/);
  });
});

describe('wxs', () => {
  const files: Record<string, string> = {
    '/m/utils.wxs':
      "var REG = getRegExp('^-?\\d+(.\\d+)?$'); module.exports.isNum = function (v) { return REG.test(v); }; module.exports.kind = function (v) { return v.constructor; };",
    '/m/page.wxs': "var utils = require('./utils.wxs'); module.exports.label = function (v) { return utils.isNum(v) ? 'number' : utils.kind(v); };",
  };
  const read = (f: string) => files[f] ?? '';

  function load(code: string): Record<string, (v: unknown) => unknown> {
    const mod = { exports: {} as Record<string, (v: unknown) => unknown> };
    new Function('require', 'module', code)(() => undefined, mod);
    return mod.exports;
  }

  test('require() of another module is inlined; getRegExp keeps the pattern as written; .constructor names the type', () => {
    const m = load(convertWxs(files['/m/page.wxs'], '/m/page.wxs', read));
    expect(m.label('-12.5')).toBe('number');
    expect(m.label('12a')).toBe('String');
    expect(m.label(['a', 'b'])).toBe('Array');
    expect(m.label({})).toBe('Object');
  });

  test('<wxs src> in a template becomes an inline module with the file`s code', () => {
    const out = transformWxml('<wxs src="./page.wxs" module="_"/><view>{{_.label(v)}}</view>', '/m/x.wxml', '/', read);
    const body = /<wxs module="_">([\s\S]*?)<\/wxs>/.exec(out)?.[1];
    expect(body).toBeTruthy();
    expect(load(body!).label('7')).toBe('number');
    expect(out).not.toContain('src=');
  });
});

describe('templates', () => {
  const icon =
    '<template name="icon"><t-icon style="{{style || \'\'}}" t-class="{{tClass}}" name="{{name || \'\'}}" bind:click="{{bindclick || \'\'}}"/></template>';
  const read = (f: string) => (f === '/c/icon.wxml' ? icon : '');

  function use(data: string): string {
    return transformWxml(`<import src="./icon.wxml"/><view><template wx:if="{{show}}" is="icon" data="{{${data}}}"/></view>`, '/c/tag.wxml', '/', read);
  }

  test('<template is> becomes the named template`s body, reading its data (spread included) through a one-item loop', () => {
    const out = use("tClass: prefix + '__icon', name: iconName, ...iconData");
    expect(out).not.toMatch(/<template|<import/);
    const loop = /wx:for="\{\{(.*?)\}\}" wx:for-item="(__tpl\d+)"/.exec(out)!;
    const item = (evaluate(loop[1], { prefix: 't-tag', iconName: 'close', iconData: { size: 20, name: 'check' } }) as unknown[])[0];
    expect(item).toEqual({ tClass: 't-tag__icon', name: 'check', size: 20 });
    // the body reads the loop item, and the condition stays on a block around it
    expect(out).toContain(`name="{{ ${loop[2]}.name || '' }}"`);
    expect(out).toMatch(/<block wx:if="\{\{ show \}\}"><block wx:for=/);
  });

  test('an event handler named by the data is kept when the data names it with a literal, dropped otherwise', () => {
    expect(use("bindclick: 'handleClose', name: 'close'")).toContain('bind:click="handleClose"');
    expect(use("name: 'close', ...closeBtn")).not.toContain('bind:click');
  });

  test('a template that does not exist fails the build', () => {
    expect(() => transformWxml('<template is="nope"/>', '/c/x.wxml', '/', read)).toThrow(/no such template/);
  });

  test('WXML reads and prints back unchanged when there is nothing to rewrite', () => {
    const src = '<view class="a" data-x="1" hidden><text>你好 {{name}}</text><!-- note --><input value="{{v}}"/></view>';
    expect(printWxml(parseWxml(src))).toBe(src);
  });
});

describe('includes', () => {
  const body =
    '<wxs src="../common/utils.wxs" module="_"/><template name="t"><text>T</text></template><import src="./x.wxml"/><view class="toolbar">{{title}}</view>';
  const read = (f: string) => (f === '/c/template.wxml' ? body : '');

  test('<include src> becomes the included file, without its wxs modules, template definitions and imports', () => {
    const out = transformWxml('<t-popup visible="{{v}}"><include src="./template.wxml"/></t-popup>', '/c/picker.wxml', '/', read);
    expect(out).toBe('<t-popup visible="{{ v }}"><view class="toolbar">{{ title }}</view></t-popup>');
  });

  test('an include of a file that does not exist fails the build', () => {
    expect(() => transformWxml('<include src="./nope.wxml"/>', '/c/x.wxml', '/', () => fs.readFileSync('/c/nope.wxml', 'utf8'))).toThrow(/nope/);
  });
});

describe('styles', () => {
  test('rpx is half a px at 375 px (750rpx = screen width), decimals and negatives included', () => {
    expect(convertUnits('width:64rpx;margin:-1.5rpx 0 .5rpx;border:1px solid')).toBe('width:32px;margin:-0.75px 0 0.25px;border:1px solid');
  });

  test('vh and vw are the phone screen`s', () => {
    expect(convertUnits('min-height:100vh;width:50vw')).toBe('min-height:calc(var(--pv-vh, 1vh) * 100);width:calc(var(--pv-vw, 1vw) * 50)');
  });

  test('classes carry the component`s prefix; built-in tags are the renderer`s; a page`s `page` is that page only', () => {
    expect(scopeSelector('.t-button .t-icon:not(.x)::after', { prefix: 't-button' })).toBe('.t-button--t-button .t-button--t-icon:not(.t-button--x)::after');
    expect(scopeSelector('view > text, button', { prefix: 'p' })).toBe('wx-view > wx-text, wx-button');
    expect(scopeSelector('page .card', { prefix: 'p-home', route: 'pages/home/index' })).toBe('page[data-route="pages/home/index"] .p-home--card');
    expect(scopeSelector('.card', { prefix: 'gate', underRoute: 'pages/home/index' })).toBe('page[data-route="pages/home/index"] .gate--card');
    expect(scopeSelector('[data-x=".y"] .z', { prefix: 'p' })).toBe('[data-x=".y"] .p--z');
  });

  test('media queries are scoped inside; keyframes are left alone; remote fonts are dropped', () => {
    const dropped: string[] = [];
    const css = scopeCss(
      '@media (min-width: 1px){.a{color:red}} @keyframes k{0%{opacity:0}100%{opacity:1}} @font-face{font-family:t;src:url(https://cdn/t.woff)} .b{x:y}',
      { prefix: 'c' },
      dropped,
    );
    expect(css).toContain('@media (min-width: 1px){.c--a{color:red}');
    expect(css).toContain('@keyframes k{0%{opacity:0}100%{opacity:1}}');
    expect(css).not.toContain('font-face');
    expect(dropped).toEqual(['t']);
    expect(css).toContain('.c--b{x:y}');
  });
});

describe('icons', () => {
  test('icon names come from TDesign`s icon stylesheet; each is drawn from its SVG as a mask under the icon`s prefix', () => {
    const names = iconNames(".t-icon-add:before{content:'\\E00D';}.t-icon-user-add:before{content:'\\E2F1';}.t-icon-base{x:y}");
    expect(names).toEqual(['add', 'user-add']);
    const css = iconCss('t-icon', ['add'], ['user-add'], (n) => `icons/${n}.svg`);
    expect(css).toContain('.t-icon--t-icon-add::before{-webkit-mask-image:url("icons/add.svg")');
    expect(css).toContain('.t-icon--t-icon-user-add::before{opacity:.3');
    expect(css).toContain('.t-icon--t-icon-base::before{content:""!important');
  });

  test('the SVG files become plain 24x24 SVGs', () => {
    expect(maskSvg('<svg view-box="0 0 24 24" width="1em" height="1em"><path/></svg>')).toBe('<svg viewBox="0 0 24 24" width="24" height="24"><path/></svg>');
  });
});

test('the renderer code the build patches is still there (an upgrade of j-component fails here first)', () => {
  const dir = path.dirname(require.resolve('j-component/package.json'));
  for (const p of J_COMPONENT_PATCHES) {
    const file = ['src/tool/utils.js', 'src/render/render.js'].map((f) => path.join(dir, f)).find((f) => p.file.test(f))!;
    expect(fs.readFileSync(file, 'utf8')).toContain(p.from);
  }
});
