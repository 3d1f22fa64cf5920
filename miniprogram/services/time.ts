/**
 * Times and days as people read them, in Beijing time whatever the phone's time zone (a parent working abroad still
 * sees the school's clock). China has no daylight saving, so Beijing is UTC+8 all year. Days travel as "YYYY-MM-DD"
 * and months as "YYYY-MM"; pages show them only through the labels here, never as they travel.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

function parts(at: Date) {
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return { y: b.getUTCFullYear(), m: b.getUTCMonth() + 1, d: b.getUTCDate(), hh: pad(b.getUTCHours()), mm: pad(b.getUTCMinutes()) };
}

/** Today's Beijing day "YYYY-MM-DD". */
export function beijingToday(now: Date = new Date()): string {
  const p = parts(now);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`;
}

/** The Beijing wall clock now, "HH:mm". */
export function beijingClock(now: Date = new Date()): string {
  const p = parts(now);
  return `${p.hh}:${p.mm}`;
}

/** "YYYY-MM-DD" plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 今天 18:00 / 昨天 18:00 / 3月5日 18:00 / 2026年12月31日 18:00 */
export function beijingLabel(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const t = parts(at);
  const n = parts(now);
  const clock = `${t.hh}:${t.mm}`;
  const dayIndex = (p: { y: number; m: number; d: number }) => Date.UTC(p.y, p.m - 1, p.d) / 86400000;
  const diff = dayIndex(n) - dayIndex(t);
  if (diff === 0) return `今天 ${clock}`;
  if (diff === 1) return `昨天 ${clock}`;
  if (t.y === n.y) return `${t.m}月${t.d}日 ${clock}`;
  return `${t.y}年${t.m}月${t.d}日 ${clock}`;
}

/** 11月29日 14:05 (with the year in front when it is not this Beijing year); '' for an unreadable date. */
export function beijingDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const t = parts(at);
  const day = `${t.m}月${t.d}日 ${t.hh}:${t.mm}`;
  return t.y === parts(now).y ? day : `${t.y}年${day}`;
}

function ymd(date: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/**
 * "2026-11-30" as 11月30日 (this Beijing year) or 2026年11月30日; `year: 'always'` for days that are history
 * (a birth date, an exam). Anything else is shown as it is.
 */
export function dayLabel(date: string, options: { year?: 'always' | 'auto'; now?: Date } = {}): string {
  const p = ymd(date);
  if (!p) return date ?? '';
  const withYear = options.year === 'always' || p.y !== parts(options.now ?? new Date()).y;
  return `${withYear ? `${p.y}年` : ''}${p.m}月${p.d}日`;
}

/** From one day to another: 11月30日–12月6日, 2026年12月28日–2027年1月3日 across a new year. */
export function dayRangeLabel(from: string, to: string, now: Date = new Date()): string {
  const a = ymd(from);
  const b = ymd(to);
  if (!a || !b) return `${from}–${to}`;
  if (a.y !== b.y) return `${dayLabel(from, { year: 'always' })}–${dayLabel(to, { year: 'always' })}`;
  const thisYear = a.y === parts(now).y;
  return `${thisYear ? '' : `${a.y}年`}${a.m}月${a.d}日–${b.m}月${b.d}日`;
}

/** "2026-12" as 2026年12月; `year: 'auto'` leaves out this Beijing year (12月). */
export function monthLabel(month: string, options: { year?: 'always' | 'auto'; now?: Date } = {}): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  if (!m) return month ?? '';
  const withYear = options.year !== 'auto' || Number(m[1]) !== parts(options.now ?? new Date()).y;
  return `${withYear ? `${m[1]}年` : ''}${Number(m[2])}月`;
}
