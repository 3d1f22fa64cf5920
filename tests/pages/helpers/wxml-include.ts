/**
 * <include src="..."/> as WeChat does it, for miniprogram-simulate (whose renderer drops include nodes): the tag is
 * replaced by the included file, less what an include does not carry (its <wxs> modules, <template> definitions and
 * <import>s). TDesign's picker draws its toolbar and columns through an include.
 */
import path from 'node:path';

const INCLUDE = /<include\s+src\s*=\s*["']([^"']+)["']\s*(?:\/>|>\s*<\/include>)/g;
const NOT_CARRIED = [/<wxs\b[^>]*\/>/g, /<wxs\b[^>]*>[\s\S]*?<\/wxs>/g, /<template\s+name\b[\s\S]*?<\/template>/g, /<import\b[^>]*\/>/g];

export function inlineIncludes(wxml: string, file: string, read: (file: string) => string | null, depth = 0): string {
  if (depth > 4) throw new Error(`${file}: includes nested too deep`);
  return wxml.replace(INCLUDE, (_tag, src: string) => {
    const target = path.resolve(path.dirname(file), src.endsWith('.wxml') ? src : `${src}.wxml`);
    const body = read(target);
    if (body === null) throw new Error(`${file}: <include src="${src}">: no such file`);
    return NOT_CARRIED.reduce((text, re) => text.replace(re, ''), inlineIncludes(body, target, read, depth + 1));
  });
}

/** Make miniprogram-simulate read every .wxml with its includes inlined. */
export function simulateIncludes(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const utils = require('miniprogram-simulate/src/utils') as { readFile(file: string): string | null; __includesInlined?: boolean };
  if (utils.__includesInlined) return;
  const readFile = utils.readFile;
  utils.readFile = (file: string) => {
    const text = readFile(file);
    return text !== null && file.endsWith('.wxml') ? inlineIncludes(text, file, readFile) : text;
  };
  utils.__includesInlined = true;
}
