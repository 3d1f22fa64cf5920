/**
 * Pages, subpackages and links agree: app.json lists every page folder (home, bind and inbox in the main package,
 * each area's pages in a subpackage rooted at areas/<area>), services/routes.ts names exactly those pages, and links
 * written before the pages moved (sent subscribe messages, inbox items, the server's reminders) open the page that is
 * there now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MINIPROGRAM_ROOT } from './helpers/render';
import { linkUrl, movedPage, PAGES } from '../../miniprogram/services/routes';

interface AppJson {
  pages: string[];
  subPackages: { root: string; name: string; pages: string[] }[];
  preloadRule: Record<string, { network: string; packages: string[] }>;
}

const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as AppJson;
const declared = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

/** The pages in a pages/ folder: each sub-folder with an index.json. */
function pageFolders(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'index.json')) ? [path.join(dir, e.name, 'index')] : []));
}

const areas = fs
  .readdirSync(path.join(MINIPROGRAM_ROOT, 'areas'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const onDisk = [path.join(MINIPROGRAM_ROOT, 'pages'), ...areas.map((a) => path.join(MINIPROGRAM_ROOT, 'areas', a, 'pages'))]
  .flatMap(pageFolders)
  .map((f) => path.relative(MINIPROGRAM_ROOT, f));

test('app.json lists every page folder once: home, bind and inbox in the main package, the rest in subpackages', () => {
  expect([...declared].sort()).toEqual([...onDisk].sort());
  expect(new Set(declared).size).toBe(declared.length);
  expect(app.pages).toEqual(['pages/home/index', 'pages/bind/index', 'pages/inbox/index']);
});

test('every folder under areas/ is the subpackage of that name', () => {
  const subpackages = app.subPackages.map((p) => `${p.name} at ${p.root}`).sort();
  expect(subpackages).toEqual(areas.map((a) => `${a} at areas/${a}`).sort());
});

test('services/routes.ts names exactly the pages app.json declares', () => {
  expect(Object.values(PAGES).sort()).toEqual(declared.map((p) => `/${p}`).sort());
});

test('preloadRule names pages that exist and subpackages that exist', () => {
  const names = new Set(app.subPackages.map((p) => p.name));
  for (const [page, rule] of Object.entries(app.preloadRule)) {
    expect(declared).toContain(page);
    for (const pkg of rule.packages) expect(names).toContain(pkg);
  }
  expect(app.preloadRule['pages/home/index'].packages).toEqual(expect.arrayContaining(['archive', 'family-calls']));
});

test('links to where pages were before open the page there now, with their query', () => {
  expect(linkUrl('pages/family-calls/next/index?id=call-1')).toBe('/areas/family-calls/pages/next/index?id=call-1');
  expect(linkUrl('pages/family-calls/index?id=call-3')).toBe('/areas/family-calls/pages/week/index?id=call-3');
  expect(linkUrl('pages/family-calls/book/index?childId=c1&rebookOf=call-2')).toBe('/areas/family-calls/pages/book/index?childId=c1&rebookOf=call-2');
  expect(linkUrl('pages/inbox/index')).toBe('/pages/inbox/index');
  expect(linkUrl('areas/archive/pages/child/index?childId=c1')).toBe('/areas/archive/pages/child/index?childId=c1');
  expect(movedPage('/pages/rooms/index')).toBe('/areas/family-calls/pages/rooms/index');
  // The monthly talk reminders sent before the talk pages existed named pages/talks/index: they open the round now.
  expect(linkUrl('pages/talks/index?classId=c1')).toBe('/areas/talks/pages/month/index?classId=c1');
});
