/**
 * The simulated clock: one time for the phone and the cloud. Once set (the frame's clock control), it runs on
 * from the chosen moment; the page's Date reads it, and every call to the emulator carries it as `x-now`.
 * Kept in localStorage, so a reload keeps the time.
 */
const KEY = 'pv.clock';
const RealDate = Date;
const realNow = () => RealDate.now();

/** Simulated minus real time in ms; null: real time. */
let offset: number | null = null;

function load(): void {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as { at: number; setAt: number } | null;
    offset = saved ? saved.at - saved.setAt : null;
  } catch {
    offset = null;
  }
}

export function nowMs(): number {
  return realNow() + (offset ?? 0);
}

export function isSimulated(): boolean {
  return offset !== null;
}

/** Set the clock to `at` (it runs on from there), or back to real time with null. */
export function setClock(at: Date | null): void {
  const setAt = realNow();
  offset = at ? at.getTime() - setAt : null;
  if (at) localStorage.setItem(KEY, JSON.stringify({ at: at.getTime(), setAt }));
  else localStorage.removeItem(KEY);
}

/** The header the emulator reads the simulated time from. */
export function clockHeaders(): Record<string, string> {
  return offset === null ? {} : { 'x-now': new RealDate(nowMs()).toISOString() };
}

/** "YYYY-MM-DD HH:mm" in Beijing time. */
export function beijingText(ms: number): string {
  const b = new RealDate(ms + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())} ${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}`;
}

/** "YYYY-MM-DDTHH:mm" read as Beijing time. */
export function parseBeijing(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const d = new RealDate(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The page's Date runs on the simulated clock: new Date() and Date.now() (dates built from values are untouched). */
export function installClock(): void {
  load();
  function ClockDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new RealDate(nowMs()).toString();
    return args.length ? new (RealDate as unknown as new (...a: unknown[]) => Date)(...args) : new RealDate(nowMs());
  }
  ClockDate.prototype = RealDate.prototype;
  Object.assign(ClockDate, { now: nowMs, parse: RealDate.parse, UTC: RealDate.UTC });
  (globalThis as unknown as { Date: unknown }).Date = ClockDate;
}
