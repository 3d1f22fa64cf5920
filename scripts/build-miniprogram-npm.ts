/**
 * Builds miniprogram/miniprogram_npm/tdesign-miniprogram/ from node_modules, copying only what the app uses:
 * the TDesign components named in the usingComponents of the app's json files (app.json, pages, components),
 * and, recursively, everything those files reach: child components (json usingComponents), js imports and
 * requires (common/, mixins/, behaviors, and the bundled tslib under the dist's own miniprogram_npm/),
 * wxml import/include/wxs src, wxss @import and wxs require. Prints the files copied and their size.
 *
 * The DevTools "构建 npm" would copy the whole 5.6 MB dist; this keeps the upload to what is really used.
 * Components may be written as "/miniprogram_npm/tdesign-miniprogram/cell/cell" (what miniprogram-simulate
 * needs) or "tdesign-miniprogram/cell/cell".
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const appRoot = path.join(root, 'miniprogram');
const PACKAGE = 'tdesign-miniprogram';
const pkgDir = path.dirname(require.resolve(`${PACKAGE}/package.json`, { paths: [root] }));
const distDir = path.join(pkgDir, 'miniprogram_dist');
const outDir = path.join(appRoot, 'miniprogram_npm', PACKAGE);
/** The main package of a mini-program may be at most 2 MB. */
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

const USING = new RegExp(`^/?(?:miniprogram_npm/)?${PACKAGE}/(.+)$`);
const COMPONENT_EXTS = ['.json', '.js', '.wxml', '.wxss'];

function isFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isFile();
}

/** All json files of the app outside miniprogram_npm. */
function appJsonFiles(dir: string = appRoot): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'miniprogram_npm' && entry.name !== 'node_modules') out.push(...appJsonFiles(full));
    } else if (entry.name.endsWith('.json') && entry.name !== 'tsconfig.json' && entry.name !== 'sitemap.json') {
      out.push(full);
    }
  }
  return out;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function usingComponentsOf(json: Record<string, unknown>): string[] {
  const using = (json.usingComponents ?? {}) as Record<string, string>;
  const generics = (json.componentGenerics ?? {}) as Record<string, { default?: string } | boolean>;
  const defaults = Object.values(generics).flatMap((g) => (typeof g === 'object' && g.default ? [g.default] : []));
  return [...Object.values(using), ...defaults];
}

/** A js module specifier from a file in the dist, to a file in the dist (mini-program require rules). */
function resolveJs(fromFile: string, spec: string): string | null {
  const candidates: string[] = [];
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const base = spec.startsWith('/') ? path.join(distDir, spec) : path.resolve(path.dirname(fromFile), spec);
    candidates.push(base, `${base}.js`, path.join(base, 'index.js'));
  } else {
    // bare package: looked up in miniprogram_npm/ folders from the importing file upwards, as the runtime does
    for (let dir = path.dirname(fromFile); dir.startsWith(distDir); dir = path.dirname(dir)) {
      const base = path.join(dir, 'miniprogram_npm', spec);
      candidates.push(base, `${base}.js`, path.join(base, 'index.js'));
    }
  }
  return candidates.find(isFile) ?? null;
}

function resolveRelative(fromFile: string, spec: string): string {
  return spec.startsWith('/') ? path.join(distDir, spec) : path.resolve(path.dirname(fromFile), spec);
}

/** The files one file of the dist needs. */
function dependencies(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const deps: string[] = [];
  const ext = path.extname(file);
  if (ext === '.json') {
    for (const spec of usingComponentsOf(JSON.parse(text))) {
      if (spec.startsWith('plugin://')) continue;
      const m = USING.exec(spec);
      const base = m ? path.join(distDir, m[1]) : resolveRelative(file, spec);
      deps.push(...componentFiles(base, `${path.relative(distDir, file)} usingComponents ${spec}`));
    }
  } else if (ext === '.js') {
    const specs = [
      ...text.matchAll(/\bimport\s*(?:[\w*{}\s,$]+?\s*from\s*)?["']([^"']+)["']/g),
      ...text.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g),
      ...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ].map((m) => m[1]);
    for (const spec of specs) {
      const target = resolveJs(file, spec);
      if (!target) throw new Error(`${path.relative(distDir, file)}: cannot resolve "${spec}"`);
      deps.push(target);
    }
  } else if (ext === '.wxml') {
    for (const m of text.matchAll(/<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"'{}]+)["']/g)) deps.push(resolveRelative(file, m[1]));
  } else if (ext === '.wxss') {
    for (const m of text.matchAll(/@import\s+(?:url\()?\s*["']([^"']+)["']/g)) deps.push(resolveRelative(file, m[1]));
  } else if (ext === '.wxs') {
    for (const m of text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) deps.push(resolveRelative(file, m[1]));
  }
  for (const dep of deps) {
    if (!dep.startsWith(distDir + path.sep)) throw new Error(`${path.relative(distDir, file)} reaches outside the package: ${dep}`);
    if (!isFile(dep)) throw new Error(`${path.relative(distDir, file)} needs ${path.relative(distDir, dep)}, which does not exist`);
  }
  return deps;
}

function componentFiles(base: string, why: string): string[] {
  const files = COMPONENT_EXTS.map((ext) => base + ext).filter(isFile);
  if (!files.some((f) => f.endsWith('.json'))) throw new Error(`${why}: no component at ${path.relative(pkgDir, base)}`);
  return files;
}

/** The TDesign components the app names, as their entry files. */
function seeds(): { files: string[]; components: string[] } {
  const files: string[] = [];
  const components = new Set<string>();
  for (const jsonFile of appJsonFiles()) {
    for (const spec of usingComponentsOf(readJson(jsonFile))) {
      const m = USING.exec(spec);
      if (!m) continue;
      components.add(m[1]);
      files.push(...componentFiles(path.join(distDir, m[1]), `${path.relative(root, jsonFile)} usingComponents ${spec}`));
    }
  }
  return { files, components: [...components].sort() };
}

function closure(start: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...dependencies(file));
  }
  return [...seen].sort();
}

function dirSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  if (!fs.existsSync(dir)) return { files, bytes };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = dirSize(full);
      files += sub.files;
      bytes += sub.bytes;
    } else {
      files += 1;
      bytes += fs.statSync(full).size;
    }
  }
  return { files, bytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function buildMiniprogramNpm(): { components: string[]; files: string[]; bytes: number } {
  const { files: seedFiles, components } = seeds();
  const files = closure(seedFiles);
  fs.rmSync(outDir, { recursive: true, force: true });
  const licence = path.join(pkgDir, 'LICENSE');
  for (const file of [...files, ...(isFile(licence) ? [licence] : [])]) {
    const rel = file === licence ? 'LICENSE' : path.relative(distDir, file);
    const dest = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(file, dest);
  }
  const { bytes } = dirSize(outDir);
  return { components, files, bytes };
}

function main() {
  const version = readJson(path.join(pkgDir, 'package.json')).version;
  const { components, files, bytes } = buildMiniprogramNpm();
  const full = dirSize(distDir);
  console.log(
    `built miniprogram/miniprogram_npm/${PACKAGE} (${version}): ${components.length} components used ` +
      `(${components.map((c) => c.split('/')[0]).join(', ')}), ${files.length} files, ${kb(bytes)} ` +
      `(the full dist is ${full.files} files, ${kb(full.bytes)})`,
  );
  // What the upload will contain: everything under miniprogram/ except TypeScript sources (compiled to js
  // of about the same size, so counted as is) and files the packOptions ignore (.d.ts, tsconfig.json).
  const upload = dirSize(appRoot);
  console.log(`miniprogram/ now holds ${upload.files} files, ${kb(upload.bytes)} (main package limit ${kb(MAIN_PACKAGE_LIMIT)})`);
  if (upload.bytes > MAIN_PACKAGE_LIMIT) console.warn('warning: over the 2 MB main package limit; move pages to subpackages');
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
