/**
 * Bundles each cloud function from TypeScript into cloudfunctions/<name>/index.js with core bundled in.
 * npm packages stay external (CloudBase installs them from the function's own package.json), and this
 * script writes that package.json's dependencies from what the bundle really imports, at the root's versions.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

export const FUNCTIONS = ['api', 'scheduler'];
const root = path.resolve(__dirname, '..');
const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const deps: Record<string, string> = rootPkg.dependencies;

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export async function buildFunction(name: string): Promise<void> {
  const dir = path.join(root, 'cloudfunctions', name);
  const result = await build({
    entryPoints: [path.join(dir, 'src/index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    // Lazy `await import('pkg')` becomes a lazy require(): CloudBase loads the bundle as CommonJS.
    supported: { 'dynamic-import': false },
  });
  const imported = new Set<string>();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external && !imp.path.startsWith('node:')) imported.add(packageOf(imp.path));
  }
  const builtins = new Set(builtinModules);
  const external = [...imported].filter((p) => !builtins.has(p)).sort();
  const missing = external.filter((p) => !deps[p]);
  if (missing.length) throw new Error(`${name}: imports ${missing.join(', ')} which the root package.json does not list`);
  const pkg = {
    name: `care-room-${name}`,
    version: rootPkg.version,
    private: true,
    main: 'index.js',
    dependencies: Object.fromEntries(external.map((p) => [p, deps[p]])),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

async function main() {
  for (const name of FUNCTIONS) await buildFunction(name);
  console.log(`built ${FUNCTIONS.map((f) => `cloudfunctions/${f}/index.js`).join(', ')}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
