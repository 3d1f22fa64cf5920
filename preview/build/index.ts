/**
 * Builds the browser preview of the mini-program into preview/dist/ (or `outDir`):
 *   index.html   the phone frame
 *   app.js       renderer (j-component), wx shims, frame, and every page and component's code (esbuild)
 *   app.css      the frame, WeChat's built-in components, and every component's wxss (css.ts)
 *   icons/       TDesign's icons as SVG (icons.ts)
 * Pages come from miniprogram/app.json (pages and subpackages), components from each json's usingComponents;
 * templates are rewritten by wxml.ts. Run `npm run build` first (it copies TDesign into miniprogram_npm).
 */
import fs from 'node:fs';
import path from 'node:path';
import esbuild from 'esbuild';
import { collectComponents, pageRoutes, type AppJson, type ComponentInfo } from './app';
import { compileWxss, PHONE_WIDTH } from './css';
import { copyIcons, iconCss, iconNames } from './icons';
import { transformWxml } from './wxml';
import type { Manifest } from '../runtime/manifest';

const REPO = path.resolve(__dirname, '../..');

export interface BuildResult {
  outDir: string;
  pages: string[];
  components: number;
  warnings: string[];
}

function readIfExists(file: string): string | null {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

/** Components whose json shares the page's and app's styles (styleIsolation apply-shared / shared, addGlobalClass). */
function sharesStyles(c: ComponentInfo): boolean {
  const iso = c.json.styleIsolation ?? (c.json.options as Record<string, unknown> | undefined)?.styleIsolation;
  return iso === 'apply-shared' || iso === 'shared' || (c.json.options as Record<string, unknown> | undefined)?.addGlobalClass === true;
}

function buildCss(root: string, components: Map<string, ComponentInfo>, warnings: string[]): string {
  const parts: string[] = [fs.readFileSync(path.join(__dirname, '../runtime/base.css'), 'utf8')];
  const appWxss = path.join(root, 'app.wxss');
  const pagesUsing = new Map<string, string[]>();
  for (const c of components.values()) {
    if (!c.route) continue;
    for (const dep of Object.values(c.using)) pagesUsing.set(dep, [...(pagesUsing.get(dep) ?? []), c.route]);
  }
  for (const c of components.values()) {
    const wxss = path.join(root, `${c.path}.wxss`);
    const compiled = compileWxss(wxss, root, { prefix: c.tag, route: c.route });
    for (const font of compiled.droppedFonts) warnings.push(`${c.path}.wxss: remote font "${font}" dropped`);
    parts.push(compiled.css);
    // app.wxss reaches every page, and the components that share styles
    if (c.route || sharesStyles(c)) parts.push(compileWxss(appWxss, root, { prefix: c.tag }).css);
    if (sharesStyles(c))
      for (const route of pagesUsing.get(c.path) ?? [])
        parts.push(compileWxss(path.join(root, `/${route}.wxss`), root, { prefix: c.tag, underRoute: route }).css);
  }
  return parts.join('\n');
}

function buildIcons(root: string, components: Map<string, ComponentInfo>, outDir: string, warnings: string[]): string {
  const icon = [...components.values()].find((c) => /\/tdesign-miniprogram\/icon\/icon$/.test(c.path));
  if (!icon) return '';
  const names = iconNames(fs.readFileSync(path.join(root, `${icon.path}.wxss`), 'utf8'));
  const { present, missing } = copyIcons(REPO, names, path.join(outDir, 'icons'));
  if (missing.length)
    warnings.push(
      `${missing.length} TDesign icons have no SVG in tdesign-icons-svg (drawn as a faint square): ${missing.slice(0, 12).join(', ')}${missing.length > 12 ? ' ...' : ''}`,
    );
  return iconCss(icon.tag, present, missing, (name) => `icons/${name}.svg`);
}

/**
 * j-component as the preview needs it, patched where it is bundled (the package itself is untouched):
 *  - inline styles: rpx at the phone's width (it writes 1rpx = 1px and drops decimals);
 *  - `class` on a component that takes it as an external class (every TDesign component, which are virtual hosts
 *    with no node of their own) goes where the component puts it, as in WeChat; the renderer set it on the host.
 */
export const J_COMPONENT_PATCHES: { file: RegExp; from: string; to: string }[] = [
  {
    file: /j-component[\\/]src[\\/]tool[\\/]utils\.js$/,
    from: "return style.replace(/(\\d+)rpx/ig, '$1px')",
    to: `return style.replace(/(-?\\d*\\.?\\d+)rpx/ig, (_, n) => (Math.round(parseFloat(n) * ${PHONE_WIDTH / 750} * 1000) / 1000) + 'px')`,
  },
  {
    file: /j-component[\\/]src[\\/]render[\\/]render\.js$/,
    from: "if (name === 'id' || name === 'slot' || (isComponentNode && name === 'class')) {",
    to: "if (isComponentNode && name === 'class' && exparserNode.hasExternalClass('class')) {\n      exparserNode.setExternalClass('class', value || '')\n    } else if (name === 'id' || name === 'slot' || (isComponentNode && name === 'class')) {",
  },
];

const patchJComponent: esbuild.Plugin = {
  name: 'patch-j-component',
  setup(build) {
    build.onLoad({ filter: /j-component[\\/]src[\\/].*\.js$/ }, (args) => {
      let code = fs.readFileSync(args.path, 'utf8');
      for (const p of J_COMPONENT_PATCHES) {
        if (!p.file.test(args.path)) continue;
        if (!code.includes(p.from)) throw new Error(`${args.path}: the code to patch has changed (j-component upgraded?): ${p.from}`);
        code = code.replace(p.from, p.to);
      }
      return { contents: code, loader: 'js' };
    });
  },
};

/** Bare requires inside miniprogram_npm resolve to miniprogram_npm folders upwards, as in the mini-program runtime. */
function miniprogramNpm(root: string): esbuild.Plugin {
  const npmRoot = path.join(root, 'miniprogram_npm');
  return {
    name: 'miniprogram-npm',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!args.importer.startsWith(npmRoot)) return undefined;
        for (let dir = path.dirname(args.importer); dir.startsWith(root); dir = path.dirname(dir)) {
          const base = path.join(dir, 'miniprogram_npm', args.path);
          for (const file of [base, `${base}.js`, path.join(base, 'index.js')]) if (fs.existsSync(file) && fs.statSync(file).isFile()) return { path: file };
        }
        return undefined;
      });
    },
  };
}

export async function buildPreview(options: { root?: string; outDir?: string; minify?: boolean } = {}): Promise<BuildResult> {
  const root = options.root ?? path.join(REPO, 'miniprogram');
  const outDir = options.outDir ?? path.join(REPO, 'preview', 'dist');
  if (!fs.existsSync(path.join(root, 'miniprogram_npm'))) throw new Error('miniprogram/miniprogram_npm is missing: run npm run build first');
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  const components = collectComponents(root, app);
  const warnings: string[] = [];
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  const ids = new Map([...components.keys()].map((p, i) => [p, `c${i}`]));
  const manifest: Manifest = {
    entry: pageRoutes(app)[0],
    window: (app.window ?? {}) as Manifest['window'],
    tabBar: (app.tabBar?.list ?? []).map((t) => t.pagePath),
    pages: {},
    components: {},
  };
  for (const c of components.values()) {
    const wxmlFile = path.join(root, `${c.path}.wxml`);
    const template = transformWxml(readIfExists(wxmlFile) ?? '<slot/>', wxmlFile, root);
    const id = ids.get(c.path)!;
    manifest.components[id] = {
      path: c.path,
      tag: c.tag,
      template,
      using: Object.fromEntries(Object.entries(c.using).map(([tag, p]) => [tag, ids.get(p)!])),
    };
    if (c.route) {
      const { component: _c, ...window } = c.json;
      manifest.pages[c.route] = { component: id, window: window as Manifest['window'] };
    }
  }

  const css = buildCss(root, components, warnings) + buildIcons(root, components, outDir, warnings);
  fs.writeFileSync(path.join(outDir, 'app.css'), css);

  const loaders = [...components.values()].map((c) => `  ${JSON.stringify(ids.get(c.path))}: () => require(${JSON.stringify(c.script)}),`).join('\n');
  const appScript = ['app.ts', 'app.js'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  const entry = [
    "import { start } from './main';",
    `start(${JSON.stringify(manifest)}, {\n${loaders}\n}, ${appScript ? `() => require(${JSON.stringify(appScript)})` : '() => undefined'});`,
  ].join('\n');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: path.join(__dirname, '../runtime'), sourcefile: 'preview-entry.ts', loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(outDir, 'app.js'),
    sourcemap: true,
    minify: options.minify ?? false,
    logLevel: 'silent',
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"development"' },
    plugins: [patchJComponent, miniprogramNpm(root)],
  });
  fs.copyFileSync(path.join(__dirname, '../runtime/index.html'), path.join(outDir, 'index.html'));
  return { outDir, pages: Object.keys(manifest.pages), components: components.size, warnings };
}

if (require.main === module) {
  const started = Date.now();
  buildPreview()
    .then((r) => {
      for (const w of r.warnings) console.warn(`preview: ${w}`);
      console.log(
        `built the browser preview in ${path.relative(REPO, r.outDir)}/: ${r.pages.length} pages, ${r.components} components (${Date.now() - started} ms)`,
      );
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
