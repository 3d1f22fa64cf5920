/**
 * The preview reads the app as WeChat does (app.json pages and subpackages, each json's usingComponents), and keeps
 * the local identity where the app's transport keeps it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectComponents, pageRoutes, pageTag, registrationOrder, resolveComponent, type AppJson } from '../../preview/build/app';
import { DEFAULT_IDENTITY, IDENTITY_KEY } from '../../preview/runtime/identity';

const MINIPROGRAM = path.resolve(__dirname, '../../miniprogram');

test('pages come from app.json: the main package, then each subpackage under its root (either spelling)', () => {
  const app: AppJson = { pages: ['pages/home/index'], subPackages: [{ root: 'family/', pages: ['book/index'] }] };
  expect(pageRoutes(app)).toEqual(['pages/home/index', 'family/book/index']);
  expect(pageRoutes({ pages: ['a/index'], subpackages: [{ root: 'b', pages: ['c/index'] }] })).toEqual(['a/index', 'b/c/index']);
});

test('usingComponents resolve like DevTools: absolute, relative, and npm packages under miniprogram_npm', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pv-app-'));
  fs.mkdirSync(path.join(root, 'miniprogram_npm/pkg/button'), { recursive: true });
  fs.writeFileSync(path.join(root, 'miniprogram_npm/pkg/button/button.json'), '{}');
  expect(resolveComponent('/pages/a/index', '/components/x/index', root)).toBe('/components/x/index');
  expect(resolveComponent('/pages/a/index', '../../components/x/index', root)).toBe('/components/x/index');
  expect(resolveComponent('/pages/a/index', 'pkg/button/button', root)).toBe('/miniprogram_npm/pkg/button/button');
  expect(() => resolveComponent('/pages/a/index', 'plugin://p/c', root)).toThrow(/plugin/);
  expect(() => resolveComponent('/pages/a/index', 'nope/x', root)).toThrow(/not found/);
  fs.rmSync(root, { recursive: true, force: true });
});

test('every page of the real app is found with all it uses, each tag unique, each component after what it uses', () => {
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as AppJson;
  const components = collectComponents(MINIPROGRAM, app);
  const routes = pageRoutes(app);
  for (const route of routes) expect(components.get(`/${route}`)?.tag).toBe(pageTag(route));
  const tags = [...components.values()].map((c) => c.tag);
  expect(new Set(tags).size).toBe(tags.length);
  const order = registrationOrder(components, `/${routes[0]}`);
  for (const [i, p] of order.entries()) for (const dep of Object.values(components.get(p)!.using)) expect(order.indexOf(dep)).toBeLessThan(i);
});

test('the preview keeps the local identity under the key the app`s transport reads, with the same default', () => {
  const stored = new Map<string, unknown>();
  (globalThis as unknown as { wx: unknown }).wx = {
    getStorageSync: (k: string) => stored.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void stored.set(k, v),
  };
  jest.isolateModules(() => {
    // required by name: the mini-program's code is type-checked with its own typings (miniprogram/tsconfig.json)
    const transportModule = '../../miniprogram/services/transport';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const transport = require(transportModule) as { getLocalOpenid(): string; setLocalOpenid(openid: string): void };
    expect(transport.getLocalOpenid()).toBe(DEFAULT_IDENTITY);
    transport.setLocalOpenid('demo-parent');
    expect([...stored.keys()]).toEqual([IDENTITY_KEY]);
  });
  delete (globalThis as unknown as { wx?: unknown }).wx;
});
