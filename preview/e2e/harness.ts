/**
 * What the end-to-end journeys and the gallery run on: a fresh `npm start` (scripts/start.ts on a free port, a
 * temporary DATA_DIR, the demo school), Debian's Chromium through playwright-core, and a phone that a journey
 * drives only as a person would: taps on what the screen shows, typing into its fields, the frame's controls.
 * Every console error, uncaught page error, unshimmed wx call ("[预览]") or request leaving this machine fails it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { pageTag } from '../build/app';

export const REPO = path.resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface App {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** `npm start` (without the build step, already done) on a free port with a fresh DATA_DIR and the demo school. */
export async function startApp(): Promise<App> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(REPO, 'scripts/start.ts')], {
    cwd: REPO,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG: 'quiet' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`npm start did not come up in 120 s:\n${output}`)), 120_000);
    const check = setInterval(() => {
      if (output.includes('本地环境已启动')) {
        clearInterval(check);
        clearTimeout(deadline);
        if (!output.includes('小程序预览')) reject(new Error(`npm start came up without the preview:\n${output}`));
        else resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      clearTimeout(deadline);
      reject(new Error(`npm start exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Chromium with a fresh profile, the phone frame's width, nothing reachable but the app itself. */
export async function openBrowser(appUrl: string): Promise<{ context: BrowserContext; page: Page; offsite: string[]; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 960, height: 880 },
    locale: 'zh-CN',
  });
  const offsite: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(appUrl) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    offsite.push(u);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    offsite,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A journey through the app on one phone, saving a screenshot of each screen to `dir`. */
export class Phone {
  readonly log: string[] = [];
  private readonly failures: string[] = [];
  private shots = 0;

  constructor(
    readonly page: Page,
    readonly appUrl: string,
    readonly dir: string,
    private readonly offsite: string[],
  ) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    page.on('console', (m) => {
      const line = `[${m.type()}] ${m.text()}`;
      this.log.push(line);
      if (m.type() === 'error') this.failures.push(line);
    });
    page.on('pageerror', (e) => {
      this.log.push(`[pageerror] ${e.stack ?? e.message}`);
      this.failures.push(`[pageerror] ${e.message}`);
    });
  }

  get screen(): Locator {
    return this.page.locator('.pv-screen');
  }

  /** The page on top of the stack (its route and query). */
  async top(): Promise<{ route: string; query: Record<string, string>; state: unknown }> {
    return this.page.evaluate(() => {
      const p = (
        window as unknown as {
          __preview: { router: { topPage(): { route: string; query: Record<string, string>; instance: { data: { state?: unknown } } } } };
        }
      ).__preview.router.topPage();
      return { route: p.route, query: p.query, state: p.instance.data.state };
    });
  }

  /** What went wrong so far, forgotten once taken (the gallery notes it and goes on). */
  takeFailures(): string[] {
    const taken = [...this.failures, ...this.offsite.map((u) => `request left this machine: ${u}`)];
    this.failures.length = 0;
    this.offsite.length = 0;
    return taken;
  }

  /** Fail now if anything went wrong so far. */
  check(): void {
    const bad = [...this.failures, ...this.offsite.map((u) => `request left this machine: ${u}`)];
    if (bad.length) throw new Error(`the page reported problems:\n${bad.join('\n')}`);
  }

  async open(openid: string, route = ''): Promise<void> {
    await this.page.goto(`${this.appUrl}/?openid=${encodeURIComponent(openid)}${route ? `#/${route}` : ''}`);
    await this.page.waitForFunction(() => !!(window as unknown as { __preview?: { ready?: boolean } }).__preview?.ready);
    await this.settle();
  }

  /** Wait until the screen shows no loading state and no request is pending. */
  async settle(): Promise<void> {
    await this.page.waitForLoadState('networkidle');
    await this.page
      .waitForFunction(() => !document.querySelector('.pv-screen page:not([hidden])')?.textContent?.includes('正在加载'), undefined, {
        timeout: 15_000,
      })
      .catch(() => undefined);
    await this.page.waitForTimeout(250);
    this.check();
  }

  /** Screenshot of the phone as `NN-<page>.png`. */
  async shot(label?: string): Promise<string> {
    const top = await this.top();
    const name = `${String(++this.shots).padStart(2, '0')}-${(label ?? top.route.replace(/\/index$/, '').replace(/^pages\//, '')).replace(/[^a-zA-Z0-9\u4e00-\u9fa5-]+/g, '-')}.png`;
    const file = path.join(this.dir, name);
    await this.page.locator('.pv-phone').screenshot({ path: file });
    return file;
  }

  /** Who uses the phone: the frame's identity switcher (the app starts over at home as that person). */
  async switchTo(openid: string): Promise<void> {
    await this.page.locator('select.pv-identity').selectOption(openid);
    await this.settle();
    await this.agreePrivacyIfAsked();
  }

  /** The first time a person opens a page with child data, WeChat's privacy prompt: agree. */
  async agreePrivacyIfAsked(): Promise<void> {
    const agree = this.screen.getByText('同意并继续', { exact: true });
    if (await agree.isVisible().catch(() => false)) {
      await agree.click();
      await this.settle();
    }
  }

  /** Tap what shows this text (the first visible one; `exact` for the whole text). */
  async tap(text: string | RegExp, options: { exact?: boolean; within?: string } = {}): Promise<void> {
    const scope = options.within ? this.screen.locator(this.cls(await this.routeTag(), options.within)) : this.screen;
    const target = scope
      .getByText(text, { exact: options.exact ?? false })
      .locator('visible=true')
      .first();
    await target.click({ timeout: 10_000 });
    await this.settle();
  }

  /** Tap in the frame around the phone (its identity, clock and timer controls). */
  async tapFrame(selector: string): Promise<void> {
    await this.page.locator(selector).first().click();
    await this.settle();
  }

  /** The back arrow of the navigation bar, until the page on top is `route` (e.g. 'pages/home/index'). */
  async backTo(route: string): Promise<void> {
    for (let i = 0; i < 10 && (await this.top()).route !== route; i++) await this.tapFrame('.pv-nav__back');
    if ((await this.top()).route !== route) throw new Error(`could not go back to ${route}`);
  }

  /**
   * What carries this class on the page on top, in its own template or in a component's it shows ('f-name' for
   * <t-input class="f-name">): the renderer prefixes a class with the tag of the template that wrote it.
   */
  private withClass(name: string): Locator {
    return this.screen.locator(`page:not([hidden]) :is([class$="--${name}"], [class*="--${name} "])`);
  }

  /** Type into the field that carries this class (e.g. 'f-name' for <t-input class="f-name">). */
  async type(fieldClass: string, text: string): Promise<void> {
    const field = this.withClass(fieldClass).locator('.pv-field').locator('visible=true').first();
    await field.click();
    await field.fill('');
    await field.pressSequentially(text, { delay: 5 });
    await this.page.waitForTimeout(100);
    this.check();
  }

  /**
   * Pick a day ("YYYY-MM-DD") in the <date-field> that carries this class, by taps: the field (its picker opens), then
   * in each column (年, 月, 日) the day's entry; an entry out of the wheel's view is reached by tapping the last one
   * in view on its side (a tap turns the wheel to what was tapped), as a thumb would. Then 确定.
   */
  async pickDate(fieldClass: string, day: string): Promise<void> {
    const field = this.withClass(fieldClass).locator('visible=true').first();
    await field.locator('[class*="date-field__cell"]').first().click();
    await this.page.waitForTimeout(400);
    const [y, m, d] = day.split('-').map(Number);
    for (const [i, wanted] of [`${y}年`, `${m}月`, `${d}日`].entries()) {
      for (let step = 0; ; step++) {
        if (step > 40) throw new Error(`${fieldClass}: the picker does not reach ${wanted}`);
        // the wheel's entries with where they are, and the wheel's own box
        const column = await field
          .locator('[class*="t-picker-item__wrapper"]')
          .nth(i)
          .evaluate((wrapper, label) => {
            const box = (wrapper.parentElement as HTMLElement).getBoundingClientRect();
            const items = [...wrapper.querySelectorAll('[class*="t-picker-item__item-label"]')].map((el) => {
              const r = el.getBoundingClientRect();
              return {
                text: (el.textContent ?? '').replace(/\s/g, ''),
                x: r.left + r.width / 2,
                y: r.top + r.height / 2,
                inView: r.top >= box.top && r.bottom <= box.bottom,
              };
            });
            return { items, at: items.findIndex((it) => it.text === label) };
          }, wanted);
        if (column.at < 0) throw new Error(`${fieldClass}: the picker offers no ${wanted}`);
        const target = column.items[column.at];
        const inView = column.items.map((it, k) => ({ ...it, k })).filter((it) => it.inView);
        const tapAt = target.inView ? target : column.at < inView[0].k ? inView[0] : inView[inView.length - 1];
        await this.page.mouse.click(tapAt.x, tapAt.y);
        await this.page.waitForTimeout(350);
        if (target.inView) break;
      }
    }
    await field.locator('[class*="t-picker__confirm"]').first().click();
    await this.page.waitForTimeout(400);
    this.check();
  }

  /** Type into a field of the frame (the clock, the page address). */
  async typeFrame(selector: string, text: string): Promise<void> {
    await this.page.locator(selector).fill(text);
  }

  async waitText(text: string | RegExp, timeout = 15_000): Promise<void> {
    await this.screen.getByText(text).locator('visible=true').first().waitFor({ timeout });
    this.check();
  }

  async text(): Promise<string> {
    return (await this.screen.locator('page:not([hidden])').innerText()).replace(/\s+/g, ' ');
  }

  private async routeTag(): Promise<string> {
    return pageTag((await this.top()).route);
  }

  private cls(tag: string, name: string): string {
    return `.${tag}--${name}`;
  }

  /** What a failure leaves for a person: the page's HTML, its console, a last screenshot. */
  async saveFailure(err: unknown): Promise<void> {
    fs.writeFileSync(path.join(this.dir, 'failure.txt'), String((err as Error)?.stack ?? err));
    fs.writeFileSync(path.join(this.dir, 'console.log'), this.log.join('\n') + '\n');
    try {
      fs.writeFileSync(path.join(this.dir, 'page.html'), await this.page.content());
      await this.page.screenshot({ path: path.join(this.dir, 'failure.png') });
    } catch {
      // the page may be gone
    }
  }
}

/** The emulator's tooling API, for checks a journey makes after the fact (the outbox). */
export async function emulatorGet<T>(appUrl: string, pathname: string): Promise<T> {
  const res = await fetch(`${appUrl}${pathname}`);
  if (!res.ok) throw new Error(`${pathname}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/** One action as a person, for checks only (never to do what a journey does by tapping). */
export async function apiAs<T>(appUrl: string, openid: string, action: string, input: Record<string, unknown>, now?: Date): Promise<T> {
  const res = await fetch(`${appUrl}/functions/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, ...(now ? { 'x-now': now.toISOString() } : {}) },
    body: JSON.stringify({ action, input }),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${action} as ${openid}: ${body.error?.message}`);
  return body.data;
}
