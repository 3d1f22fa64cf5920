/**
 * TDesign's icons without its icon font (which lives on a CDN that cannot be reached here): the same icons as SVG
 * files from the tdesign-icons-svg package, drawn in the icon's colour and size as a CSS mask over the `::before`
 * the font would have filled.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The icon names TDesign's icon stylesheet knows (`.t-icon-add:before{content:'\E00D'}`). */
export function iconNames(iconWxss: string): string[] {
  return [...new Set([...iconWxss.matchAll(/\.t-icon-([a-z0-9-]+):{1,2}before/gi)].map((m) => m[1]))].filter((n) => n !== 'base').sort();
}

/** The package's SVG as a plain 24x24 SVG file (it writes React's view-box and 1em sizes). */
export function maskSvg(svg: string): string {
  return svg
    .replace(/\bview-box=/g, 'viewBox=')
    .replace(/\bwidth="1em"/, 'width="24"')
    .replace(/\bheight="1em"/, 'height="24"');
}

/**
 * Rules drawing the icons: `prefix` is the icon component's class prefix in the DOM (its tag), `url(name)` where the
 * SVG of an icon is served. `names` the icons that have an SVG; the others are drawn as a faint square.
 */
export function iconCss(prefix: string, names: string[], missing: string[], url: (name: string) => string): string {
  const cls = (name: string) => `.${prefix}--t-icon-${name}::before`;
  const rules = [
    `.${prefix}--t-icon-base::before{content:""!important;display:block;width:1em;height:1em;background-color:currentColor;` +
      '-webkit-mask-size:contain;mask-size:contain;-webkit-mask-repeat:no-repeat;mask-repeat:no-repeat;-webkit-mask-position:center;mask-position:center;}',
  ];
  for (const name of names) rules.push(`${cls(name)}{-webkit-mask-image:url("${url(name)}");mask-image:url("${url(name)}");}`);
  for (const name of missing) rules.push(`${cls(name)}{opacity:.3;border-radius:20%;}`);
  return rules.join('\n') + '\n';
}

export function svgDir(root: string): string {
  return path.join(path.dirname(require.resolve('tdesign-icons-svg/package.json', { paths: [root] })), 'src');
}

/** Copy the SVGs of these icons to `outDir`; answers which exist there and which the package lacks. */
export function copyIcons(root: string, names: string[], outDir: string): { present: string[]; missing: string[] } {
  const dir = svgDir(root);
  fs.mkdirSync(outDir, { recursive: true });
  const present: string[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const file = path.join(dir, `${name}.svg`);
    if (!fs.existsSync(file)) {
      missing.push(name);
      continue;
    }
    fs.writeFileSync(path.join(outDir, `${name}.svg`), maskSvg(fs.readFileSync(file, 'utf8')));
    present.push(name);
  }
  return { present, missing };
}
