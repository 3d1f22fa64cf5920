/**
 * Where scripts/build-miniprogram-npm.ts puts TDesign components (against the real tdesign-miniprogram dist), and
 * when it refuses the package sizes.
 */
import { placeComponents, sizeProblems, type PackageBuild } from '../../scripts/build-miniprogram-npm';

const MAIN = ['button/button', 'cell/cell', 'empty/empty', 'loading/loading'];

test('what the main package names, and light components only a subpackage names, go to the main package', () => {
  // switch alone is a few KB; in the subpackage it would bring its own copy of TDesign's shared core
  const placed = placeComponents(
    new Map([
      ['main', new Set(MAIN)],
      ['reminders', new Set(['switch/switch', 'button/button'])],
    ]),
  );
  expect(placed.get('reminders')).toEqual([]);
  expect(placed.get('main')).toEqual([...MAIN, 'switch/switch'].sort());
});

test('a component only one subpackage names that weighs more than the shared core it copies goes to that subpackage', () => {
  const placed = placeComponents(
    new Map([
      ['main', new Set(MAIN)],
      ['growth', new Set(['chat-markdown/chat-markdown', 'cell/cell'])],
      ['school', new Set(['switch/switch'])],
    ]),
  );
  expect(placed.get('growth')).toEqual(['chat-markdown/chat-markdown']);
  expect(placed.get('main')).not.toContain('chat-markdown/chat-markdown');
  expect(placed.get('main')).toContain('switch/switch');
});

test("sizes over WeChat's limits or the main package's 1 MB budget are refused", () => {
  const pkg = (name: string, kb: number): PackageBuild => ({ name, dir: name, components: [], files: 0, bytes: kb * 1024 });
  expect(sizeProblems([pkg('main', 900), pkg('archive', 1900)])).toEqual([]);
  expect(sizeProblems([pkg('main', 1100), pkg('archive', 100)])).toEqual([expect.stringContaining('the main package is 1100.0 KB')]);
  expect(sizeProblems([pkg('main', 500), pkg('archive', 2100)])).toEqual([expect.stringContaining('archive is 2100.0 KB')]);
  expect(sizeProblems([pkg('main', 900), ...Array.from({ length: 11 }, (_, i) => pkg(`a${i}`, 1900))])).toEqual([expect.stringContaining('all packages are')]);
});
