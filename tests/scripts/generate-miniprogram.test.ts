/**
 * miniprogram/generated/ holds the tables the pages share with the server (labels, who may invite whom, reminder
 * templates): what is on disk must be what their sources give now, so a page never shows a stale copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles, OUTPUTS } from '../../scripts/generate-miniprogram';

const root = path.resolve(__dirname, '../..');

test.each(OUTPUTS.map((o) => [o.file, o.source]))('miniprogram/generated/%s is what %s gives now (has `npm run build` run?)', (file) => {
  const [target, text] = generatedFiles().find(([f]) => path.basename(f) === file)!;
  expect(fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : `${path.relative(root, target)} is missing`).toBe(text);
});

test('each generated file names its source in its first line', () => {
  for (const [target] of generatedFiles()) {
    const source = OUTPUTS.find((o) => o.file === path.basename(target))!.source;
    expect(fs.readFileSync(target, 'utf8').split('\n')[0]).toContain(`from ${source}: do not edit here`);
  }
});
