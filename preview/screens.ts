/**
 * npm run screens: a picture of every page for every demo identity that can open it, on a fresh `npm start` with the
 * demo school, so a reviewer sees the whole app at a glance. For each identity (the frame's identity list): its
 * home page, every tile of it (tapped, as a person would), then every other page of app.json opened with the demo
 * data's ids; a page that refuses the identity (forbidden, error, not bound) is listed, not pictured.
 *
 *   .tmp/screens/<openid>/<page>.png        the first screen (375 x 812)
 *   .tmp/screens/<openid>/<page>-full.png   the whole page, when it is longer than the screen
 *   .tmp/screens/index.html                 all of them on one page, with what each tile led to
 * `npm run screens -- demo-parent` does one identity; SCREENS_DIR changes the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiAs, openBrowser, Phone, REPO, startApp } from './e2e/harness';

const OUT = path.resolve(process.env.SCREENS_DIR ?? path.join(REPO, '.tmp', 'screens'));

interface Shot {
  openid: string;
  route: string;
  via: string;
  file?: string;
  full?: string;
  refused?: string;
}

interface WhoAmI {
  bindings: { role?: string; childId?: string | null; classId?: string | null; schoolId?: string | null }[];
}

/** Pages whose `id` is not a call's: the demo's activity and parent meeting (a family opens the meeting as its child's). */
const DEMO_RECORDS: Record<string, (ids: { activity?: string; meeting?: string }, family: boolean) => Record<string, string | undefined>> = {
  'areas/activities/pages/activity/index': (ids) => ({ id: ids.activity, childId: undefined }),
  'areas/activities/pages/meeting/index': (ids, family) => ({ id: ids.meeting, ...(family ? {} : { childId: undefined }) }),
};

const slug = (route: string) =>
  route
    .replace(/\/index$/, '')
    .replace(/^pages\//, '')
    .replace(/[^a-zA-Z0-9-]+/g, '-');

/** The ids a page's query may need, from what this identity holds in the demo school. */
async function demoQuery(appUrl: string, openid: string): Promise<Record<string, string>> {
  const me = await apiAs<WhoAmI>(appUrl, openid, 'whoami', {}).catch(() => ({ bindings: [] }) as WhoAmI);
  const pick = (k: 'childId' | 'classId' | 'schoolId') => me.bindings.map((b) => b[k]).find((v): v is string => !!v);
  const query: Record<string, string> = {
    childId: pick('childId') ?? 'demo-child-01',
    classId: pick('classId') ?? 'demo-class-3-1',
    schoolId: pick('schoolId') ?? 'demo-school',
  };
  const calls = await apiAs<{ children: { next: { id: string } | null }[] }>(appUrl, 'demo-parent', 'familyCalls.mine', {}).catch(() => null);
  const callId = calls?.children.map((c) => c.next?.id).find(Boolean);
  if (callId) query.id = callId;
  return query;
}

/** The query for one page: the demo ids, with the activity's or the meeting's id on their pages. */
async function routeQuery(appUrl: string, openid: string, route: string, base: Record<string, string>): Promise<string> {
  const records = DEMO_RECORDS[route];
  if (!records) return new URLSearchParams(base).toString();
  const list = await apiAs<{ activities: { id: string }[]; meetings: { id: string }[] }>(appUrl, 'demo-admin', 'activities.list', {
    schoolId: 'demo-school',
  }).catch(() => null);
  const me = await apiAs<WhoAmI>(appUrl, openid, 'whoami', {}).catch(() => ({ bindings: [] }) as WhoAmI);
  const family = me.bindings.some((b) => b.role === 'parent' || b.role === 'guardian');
  const query = { ...base, ...records({ activity: list?.activities[0]?.id, meeting: list?.meetings[0]?.id }, family) };
  return new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1])).toString();
}

async function photograph(page: Page, file: string): Promise<string | undefined> {
  const phone = page.locator('.pv-phone');
  await phone.screenshot({ path: file });
  const height = await page.evaluate(() => (document.querySelector('.pv-screen page:not([hidden])') as HTMLElement | null)?.scrollHeight ?? 0);
  const screen = await page.evaluate(() => (document.querySelector('.pv-screen') as HTMLElement).clientHeight);
  if (height <= screen + 4) return undefined;
  const full = file.replace(/\.png$/, '-full.png');
  await page.evaluate((h) => ((document.querySelector('.pv-phone') as HTMLElement).style.height = `${h}px`), height + (812 - screen));
  await page.setViewportSize({ width: 960, height: Math.min(height + 200, 16000) });
  await phone.screenshot({ path: full });
  await page.evaluate(() => ((document.querySelector('.pv-phone') as HTMLElement).style.height = ''));
  await page.setViewportSize({ width: 960, height: 880 });
  return full;
}

/** Why this page is not for this identity, or null when it opened. */
async function refusal(phone: Phone): Promise<string | null> {
  const top = await phone.top();
  if (top.state === 'forbidden' || top.state === 'error' || top.state === 'unbound') return `${top.state}: ${(await phone.text()).slice(0, 80)}`;
  return null;
}

async function shoot(phone: Phone, openid: string, via: string, shots: Shot[]): Promise<void> {
  const top = await phone.top();
  const refused = await refusal(phone);
  const dir = path.join(OUT, openid);
  if (refused) {
    shots.push({ openid, route: top.route, via, refused });
    return;
  }
  const file = path.join(dir, `${slug(top.route)}.png`);
  const full = await photograph(phone.page, file);
  shots.push({ openid, route: top.route, via, file: path.relative(OUT, file), full: full && path.relative(OUT, full) });
  console.log(`  ${openid} ${top.route} (${via})`);
}

async function identity(appUrl: string, phone: Phone, openid: string, routes: string[], shots: Shot[]): Promise<void> {
  fs.mkdirSync(path.join(OUT, openid), { recursive: true });
  await phone.open(openid);
  await phone.agreePrivacyIfAsked();
  const home = (await phone.top()).route;
  await shoot(phone, openid, '首页', shots);
  const done = new Set([home]);

  const tiles = await phone.screen.locator('page:not([hidden]) [class*="t-grid-item__text"]').allInnerTexts();
  for (const [i, title] of tiles.entries()) {
    const via = `首页「${title}」`;
    await attempt(phone, openid, via, shots, async () => {
      await phone.screen.locator('page:not([hidden]) [class*="t-grid-item__text"]').nth(i).click();
      await phone.settle();
      const top = await phone.top();
      if (top.route === home) {
        shots.push({ openid, route: '', via, refused: (await phone.text()).includes('即将开放') ? '即将开放' : 'the tile opened nothing' });
        return;
      }
      await phone.agreePrivacyIfAsked();
      if (!done.has(top.route)) await shoot(phone, openid, via, shots);
      done.add(top.route);
    });
    if ((await phone.top()).route !== home) await phone.open(openid);
  }

  const base = await demoQuery(appUrl, openid);
  for (const route of routes.filter((r) => !done.has(r))) {
    const query = await routeQuery(appUrl, openid, route, base);
    await attempt(phone, openid, `地址 ${route}?${query}`, shots, async () => {
      await phone.open(openid, `${route}?${query}`);
      await phone.agreePrivacyIfAsked();
      await shoot(phone, openid, `地址 ${route}?${query}`, shots);
    });
  }
}

/** One screen; what goes wrong on it (a console error, an unshimmed wx call) is noted in the gallery, and it goes on. */
async function attempt(phone: Phone, openid: string, via: string, shots: Shot[], run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    const problems = phone.takeFailures();
    const route = await phone
      .top()
      .then((t) => t.route)
      .catch(() => '');
    shots.push({ openid, route, via, refused: `problem: ${problems.join(' | ') || (err as Error).message}`.slice(0, 400) });
    console.log(`  ${openid} ${route} (${via}): PROBLEM ${problems.join(' | ') || (err as Error).message}`);
  }
}

function gallery(shots: Shot[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const byIdentity = new Map<string, Shot[]>();
  for (const s of shots) byIdentity.set(s.openid, [...(byIdentity.get(s.openid) ?? []), s]);
  const sections = [...byIdentity].map(([openid, list]) => {
    const cards = list
      .filter((s) => s.file)
      .map(
        (s) =>
          `<figure><a href="${s.full ?? s.file}"><img src="${s.file}" loading="lazy"></a><figcaption>${esc(s.route)}<br><small>${esc(s.via)}</small></figcaption></figure>`,
      );
    const refused = list.filter((s) => s.refused).map((s) => `<li>${esc(s.route || s.via)}：${esc(s.refused!)}</li>`);
    return `<h2>${esc(openid)}</h2><div class="grid">${cards.join('')}</div>${refused.length ? `<details><summary>打不开的 ${refused.length} 个</summary><ul>${refused.join('')}</ul></details>` : ''}`;
  });
  return `<!doctype html><meta charset="utf-8"><title>关爱室 · 全部页面</title><style>body{font-family:sans-serif;margin:16px;background:#eee}.grid{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0;width:200px}img{width:200px;border-radius:12px;box-shadow:0 1px 4px #0003}figcaption{font-size:12px}</style><h1>关爱室 · 每个身份能打开的每个页面</h1>${sections.join('')}`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const app = await startApp();
  const browser = await openBrowser(app.url);
  const shots: Shot[] = [];
  try {
    const phone = new Phone(browser.page, app.url, path.join(OUT, '.log'), browser.offsite);
    await phone.open('demo-teacher');
    const openids = (await browser.page.locator('select.pv-identity option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(
      Boolean,
    );
    const routes = await browser.page.evaluate(() =>
      Object.keys((window as unknown as { __preview: { manifest: { pages: Record<string, unknown> } } }).__preview.manifest.pages),
    );
    for (const openid of openids.filter((o) => !only.length || only.includes(o))) {
      console.log(`${openid}:`);
      await identity(app.url, phone, openid, routes, shots);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  fs.writeFileSync(path.join(OUT, 'index.json'), JSON.stringify(shots, null, 2));
  fs.writeFileSync(path.join(OUT, 'index.html'), gallery(shots));
  const pictured = shots.filter((s) => s.file).length;
  console.log(`\n${pictured} screens in ${path.relative(REPO, OUT)}/ (index.html); ${shots.length - pictured} not openable for that identity (index.json)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
