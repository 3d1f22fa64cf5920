/**
 * What WeChat DevTools needs of the mini-program sources, checked without DevTools:
 * - it compiles only files inside miniprogramRoot, so a page may reach outside miniprogram/ with `import type` only;
 * - every component a json names must exist (TDesign ones, named as the npm package, in the miniprogram_npm/ folder
 *   WeChat would look in, once `npm run build` has copied them);
 * The runtime values pages share with the server are generated into miniprogram/generated/ (tests/scripts/generate-miniprogram.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from './helpers/render';
import { npmComponentPath } from './helpers/npm-components';

function sources(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' || entry.name === 'node_modules' ? [] : sources(full, ext);
    return entry.name.endsWith(ext) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(MINIPROGRAM_ROOT, file);

test('mini-program code imports values only from inside miniprogram/', () => {
  const offenders: string[] = [];
  for (const file of sources(MINIPROGRAM_ROOT, '.ts')) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm,
    )) {
      const typeOnly = Boolean(m[2]);
      const spec = m[3] ?? m[4] ?? m[5];
      if (typeOnly) continue;
      const target = spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : null;
      if (!target || !target.startsWith(MINIPROGRAM_ROOT + path.sep)) offenders.push(`${rel(file)}: ${spec}`);
    }
  }
  expect(offenders).toEqual([]);
});

test('every usingComponents entry points at a component that exists', () => {
  const missing: string[] = [];
  for (const file of sources(MINIPROGRAM_ROOT, '.json')) {
    const using = (JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents ?? {}) as Record<string, string>;
    for (const [tag, target] of Object.entries(using)) {
      const npm = target.startsWith('/') || target.startsWith('.') ? null : npmComponentPath(MINIPROGRAM_ROOT, file, target);
      const base = target.startsWith('/')
        ? path.join(MINIPROGRAM_ROOT, target)
        : npm
          ? path.join(MINIPROGRAM_ROOT, npm)
          : path.resolve(path.dirname(file), target);
      if (!fs.existsSync(`${base}.json`)) missing.push(`${rel(file)} ${tag} -> ${target}`);
    }
  }
  if (missing.length) throw new Error(`missing components (has \`npm run build\` run?):\n${missing.join('\n')}`);
});

test("pages and components colour themselves with the theme's TDesign tokens only: no colour of their own outside app.wxss", () => {
  const offenders = sources(MINIPROGRAM_ROOT, '.wxss')
    .filter((file) => rel(file) !== 'app.wxss')
    .flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${rel(file)}:${i + 1}` }))
        .filter(({ line }) => /#[0-9a-f]{3,8}\b|rgba?\(/i.test(line))
        .map(({ line, at }) => `${at} ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
});

test('no page or component script is over 250 lines: a bigger screen is split into components that emit events', () => {
  const long = sources(MINIPROGRAM_ROOT, '.ts')
    .filter((file) => /\/(pages|components)\/[^/]+\/index\.ts$/.test(file))
    .map((file) => ({ file: rel(file), lines: fs.readFileSync(file, 'utf8').split('\n').length }))
    .filter((f) => f.lines > 250);
  expect(long).toEqual([]);
});
