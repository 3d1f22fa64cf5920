/**
 * The emulator is a generic CloudBase: it learns the project's collections from cloudbase/collections.json and runs
 * the built functions, but imports nothing of the project's code, and its own modules import one another without
 * circles (every import counts, type-only ones too).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../emulator');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative import targets of a file, resolved to files (a folder means its index.ts). */
function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => {
      const base = path.resolve(path.dirname(file), s);
      return fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts');
    });
}

const files = sources(ROOT);

test('no emulator module imports the project code in cloudfunctions/', () => {
  const offenders = files.flatMap((f) =>
    imports(f)
      .filter((target) => !target.startsWith(ROOT + path.sep))
      .map((t) => `${path.relative(ROOT, f)} -> ${path.relative(ROOT, t)}`),
  );
  expect(offenders).toEqual([]);
});

test('the emulator modules import one another without circles', () => {
  const graph = new Map(files.map((f) => [f, imports(f).filter((t) => t.startsWith(ROOT + path.sep))]));
  const circles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  // Depth-first search with an explicit stack: a module reached again while it is still open closes a circle.
  for (const start of files) {
    if (state.has(start)) continue;
    const stack: { file: string; next: number }[] = [{ file: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1];
      const targets = graph.get(top.file) ?? [];
      if (top.next >= targets.length) {
        state.set(top.file, 'done');
        stack.pop();
        continue;
      }
      const target = targets[top.next++];
      if (state.get(target) === 'open') {
        const from = stack.findIndex((s) => s.file === target);
        circles.push([...stack.slice(from).map((s) => s.file), target].map((f) => path.relative(ROOT, f)).join(' -> '));
      } else if (!state.has(target)) {
        state.set(target, 'open');
        stack.push({ file: target, next: 0 });
      }
    }
  }
  expect(circles).toEqual([]);
});
