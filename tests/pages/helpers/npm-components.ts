/**
 * WeChat finds a component named as an npm package ("tdesign-miniprogram/button/button") in the miniprogram_npm/
 * folder nearest the json that names it, walking up to the mini-program root: a subpackage's own copy first, then the
 * main package's (scripts/build-miniprogram-npm.ts decides which copy holds what). miniprogram-simulate reads only
 * paths, so the page tests give it the path WeChat would pick.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The component an npm-style name in `jsonFile` stands for, as a path from the mini-program root; null if none. */
export function npmComponentPath(root: string, jsonFile: string, spec: string): string | null {
  for (let dir = path.dirname(jsonFile); dir === root || dir.startsWith(root + path.sep); dir = path.dirname(dir)) {
    const base = path.join(dir, 'miniprogram_npm', spec);
    if (fs.existsSync(`${base}.json`)) return '/' + path.relative(root, base);
    if (dir === root) break;
  }
  return null;
}

const isNpmName = (spec: string) => !spec.startsWith('/') && !spec.startsWith('.') && !spec.startsWith('plugin://');

/** Make miniprogram-simulate resolve npm-style usingComponents of the app's json files as WeChat does. */
export function resolveNpmComponents(root: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('miniprogram-simulate/src/utils') as {
    readJson(file: string): Record<string, unknown> | null;
    __npmResolved?: boolean;
  };
  if (utils.__npmResolved) return;
  const readJson = utils.readJson;
  utils.readJson = (file: string) => {
    const json = readJson(file);
    const using = json?.usingComponents as Record<string, string> | undefined;
    if (!using || !file.startsWith(root + path.sep) || file.includes(`${path.sep}miniprogram_npm${path.sep}`)) return json;
    for (const [tag, spec] of Object.entries(using)) {
      if (!isNpmName(spec)) continue;
      const found = npmComponentPath(root, file, spec);
      if (!found) throw new Error(`${path.relative(root, file)}: no miniprogram_npm folder holds ${spec} (has \`npm run build\` run?)`);
      using[tag] = found;
    }
    return json;
  };
  utils.__npmResolved = true;
}
