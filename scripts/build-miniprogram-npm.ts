/**
 * Builds the mini-program's copies of TDesign (tdesign-miniprogram) from node_modules, copying only what the app
 * uses: the components named in the usingComponents of the app's json files (app.json, pages, components), and,
 * recursively, everything those files reach: child components (json usingComponents), js imports and requires
 * (common/, mixins/, behaviors, and the bundled tslib under the dist's own miniprogram_npm/), wxml
 * import/include/wxs src, wxss @import and wxs require.
 *
 * Where each component goes follows the subpackages (分包) of app.json. Pages name TDesign components as the npm
 * package does ("tdesign-miniprogram/button/button"), and WeChat looks for such a name in the miniprogram_npm/
 * folder nearest the json that names it, walking up to the mini-program root. So:
 *   - a component the main package uses (home, bind, inbox, components/) goes to miniprogram/miniprogram_npm/, where
 *     every subpackage finds it too;
 *   - a component only subpackages use goes to each such subpackage's own areas/<area>/miniprogram_npm/, so it is
 *     downloaded with that subpackage and never counts against the main package.
 * Then it prints the size of the main package and of every subpackage (what the upload will hold: TypeScript counted
 * as is, since it compiles to js of about the same size; .d.ts and tsconfig.json are left out by packOptions), and
 * fails when one is over WeChat's limits or the main package over this project's budget.
 *
 * The DevTools "构建 npm" would copy the whole 5.6 MB dist into the main package; do not use it.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const appRoot = path.join(root, 'miniprogram');
const PACKAGE = 'tdesign-miniprogram';
const pkgDir = path.dirname(require.resolve(`${PACKAGE}/package.json`, { paths: [root] }));
const distDir = path.join(pkgDir, 'miniprogram_dist');
const MB = 1024 * 1024;
/** WeChat: the main package and each subpackage at most 2 MB, all packages together at most 20 MB. */
const PACKAGE_LIMIT = 2 * MB;
const TOTAL_LIMIT = 20 * MB;
/** This project keeps the main package under 1 MB, so that launching stays fast as areas are added. */
const MAIN_BUDGET = 1 * MB;

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

interface Package {
  /** 'main', or the subpackage's name in app.json */
  name: string;
  /** folder, absolute; the mini-program root for the main package */
  dir: string;
}

/** The main package and the subpackages app.json declares. */
export function appPackages(): Package[] {
  const app = readJson(path.join(appRoot, 'app.json')) as {
    subPackages?: { root: string; name?: string }[];
    subpackages?: { root: string; name?: string }[];
  };
  const subs = app.subPackages ?? app.subpackages ?? [];
  return [{ name: 'main', dir: appRoot }, ...subs.map((p) => ({ name: p.name ?? p.root, dir: path.join(appRoot, p.root) }))];
}

/** The package a file of the app belongs to: the subpackage whose folder holds it, else the main package. */
function packageOf(file: string, packages: Package[]): Package {
  return packages.find((p) => p.name !== 'main' && file.startsWith(p.dir + path.sep)) ?? packages[0];
}

/** The TDesign components each package names ("button", "cell/cell"...), by package name. */
function componentsByPackage(packages: Package[]): Map<string, Set<string>> {
  const named = new Map(packages.map((p) => [p.name, new Set<string>()]));
  for (const jsonFile of appJsonFiles()) {
    for (const spec of usingComponentsOf(readJson(jsonFile))) {
      const m = USING.exec(spec);
      if (!m) continue;
      // "/miniprogram_npm/..." names the main package's copy wherever it is written
      const owner = spec.startsWith('/') ? packages[0] : packageOf(jsonFile, packages);
      componentFiles(path.join(distDir, m[1]), `${path.relative(root, jsonFile)} usingComponents ${spec}`);
      named.get(owner.name)!.add(m[1]);
    }
  }
  return named;
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

/** Bytes of what the upload holds of a folder, leaving out the folders of other packages inside it. */
function uploadSize(dir: string, skip: string[]): number {
  let bytes = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(full)) bytes += uploadSize(full, skip);
    } else if (!entry.name.endsWith('.d.ts') && entry.name !== 'tsconfig.json') {
      bytes += fs.statSync(full).size;
    }
  }
  return bytes;
}

export interface PackageBuild {
  name: string;
  /** folder, relative to the repository */
  dir: string;
  /** TDesign components copied into this package */
  components: string[];
  /** files copied into this package's miniprogram_npm */
  files: number;
  /** the whole package as uploaded */
  bytes: number;
}

function copyInto(pkg: Package, files: string[]): void {
  const outDir = path.join(pkg.dir, 'miniprogram_npm', PACKAGE);
  const licence = path.join(pkgDir, 'LICENSE');
  for (const file of [...files, ...(isFile(licence) ? [licence] : [])]) {
    const rel = file === licence ? 'LICENSE' : path.relative(distDir, file);
    const dest = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(file, dest);
  }
}

const bytesOf = (files: string[]) => files.reduce((n, f) => n + fs.statSync(f).size, 0);
const closureOf = (components: string[]) => closure(components.flatMap((c) => componentFiles(path.join(distDir, c), c)));

/**
 * Which package each TDesign component is copied into. The main package gets what it names. A subpackage's other
 * components would need, in the subpackage, their own copy of everything they reach, TDesign's shared core (common/,
 * about 140 KB) included, which the main package already holds. So they go to the subpackage when what they add is
 * at least what they would copy twice (heavy components: upload, calendar, cascader... together), and otherwise to the
 * main package, where they cost only their own files.
 */
export function placeComponents(named: Map<string, Set<string>>): Map<string, string[]> {
  const main = new Set(named.get('main') ?? []);
  const mainFiles = new Set(closureOf([...main]));
  const placed = new Map<string, string[]>();
  for (const [name, components] of named) {
    if (name === 'main') continue;
    const own = [...components].filter((c) => !main.has(c)).sort();
    const files = closureOf(own);
    const added = bytesOf(files.filter((f) => !mainFiles.has(f)));
    const copiedTwice = bytesOf(files.filter((f) => mainFiles.has(f)));
    placed.set(name, own.length && added >= copiedTwice ? own : []);
  }
  const moved = [...named].flatMap(([name, components]) => (name === 'main' || placed.get(name)!.length ? [] : [...components]));
  placed.set('main', [...new Set([...main, ...moved])].sort());
  return placed;
}

export function buildMiniprogramNpm(): PackageBuild[] {
  const packages = appPackages();
  const placed = placeComponents(componentsByPackage(packages));
  for (const pkg of packages) fs.rmSync(path.join(pkg.dir, 'miniprogram_npm'), { recursive: true, force: true });
  const subDirs = packages.slice(1).map((p) => p.dir);
  return packages.map((pkg) => {
    const components = placed.get(pkg.name) ?? [];
    const files = closureOf(components);
    if (files.length) copyInto(pkg, files);
    return {
      name: pkg.name,
      dir: path.relative(root, pkg.dir),
      components,
      files: files.length,
      bytes: uploadSize(pkg.dir, pkg.name === 'main' ? subDirs : []),
    };
  });
}

/** What is over a limit (empty: all fine). */
export function sizeProblems(built: PackageBuild[]): string[] {
  const problems: string[] = [];
  for (const p of built) if (p.bytes > PACKAGE_LIMIT) problems.push(`${p.name} is ${kb(p.bytes)}, over WeChat's ${kb(PACKAGE_LIMIT)} per package`);
  const total = built.reduce((n, p) => n + p.bytes, 0);
  if (total > TOTAL_LIMIT) problems.push(`all packages are ${kb(total)}, over WeChat's ${kb(TOTAL_LIMIT)}`);
  const main = built.find((p) => p.name === 'main')!;
  if (main.bytes > MAIN_BUDGET)
    problems.push(`the main package is ${kb(main.bytes)}, over this project's ${kb(MAIN_BUDGET)} budget: move what only one area uses into its subpackage`);
  return problems;
}

function main() {
  const version = readJson(path.join(pkgDir, 'package.json')).version;
  const built = buildMiniprogramNpm();
  const full = dirSize(distDir);
  console.log(`built the mini-program's ${PACKAGE} ${version} (the full dist is ${full.files} files, ${kb(full.bytes)}); package sizes:`);
  for (const p of built) {
    const what = p.components.length ? `TDesign ${p.components.map((c) => c.split('/')[0]).join(', ')} (${p.files} files)` : 'TDesign from the main package';
    console.log(
      `  ${p.name === 'main' ? 'main package' : `subpackage ${p.name}`}`.padEnd(28) + `${kb(p.bytes).padStart(10)}  ${p.dir || 'miniprogram'}: ${what}`,
    );
  }
  const total = built.reduce((n, p) => n + p.bytes, 0);
  console.log(
    `  ${'all packages'.padEnd(26)}${kb(total).padStart(10)}  (main budget ${kb(MAIN_BUDGET)}; WeChat: ${kb(PACKAGE_LIMIT)} a package, ${kb(TOTAL_LIMIT)} in all)`,
  );
  const problems = sizeProblems(built);
  if (problems.length) throw new Error(problems.join('\n'));
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
