/**
 * CloudBase timer triggers use 7-field cron: second minute hour day-of-month month day-of-week year,
 * read on Beijing time. Supports * , - / and day-of-week 0-6 (0 = Sunday) or MON-SUN, months 1-12 or JAN-DEC.
 */

/** Beijing is UTC+8 all year (China has kept no daylight saving time since 1991), whatever the process TZ. */
const BEIJING_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

interface Field {
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: Field[] = [
  { min: 0, max: 59 }, // second
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
  { min: 1970, max: 2099 }, // year
];

export interface Cron {
  source: string;
  seconds: Set<number>;
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  years: Set<number>;
}

function parseValue(text: string, field: Field): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  if (named >= 0) return field.names === FIELDS[4].names ? named + 1 : named;
  if (!/^\d+$/.test(text)) throw new Error(`无法解析的 cron 取值：${text}`);
  return Number(text);
}

function parseField(text: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`无法解析的 cron 步长：${part}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = field.min;
      hi = field.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = parseValue(a, field);
      hi = parseValue(b, field);
    } else {
      lo = parseValue(range, field);
      hi = stepText === undefined ? lo : field.max;
    }
    if (lo < field.min || hi > field.max || lo > hi) throw new Error(`cron 取值超出范围：${part}`);
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

export function parseCron(source: string): Cron {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`定时触发器需要 7 段 cron（秒 分 时 日 月 星期 年）：${source}`);
  const [seconds, minutes, hours, days, months, weekdays, years] = parts.map((p, i) => parseField(p, FIELDS[i]));
  return { source, seconds, minutes, hours, days, months, weekdays, years };
}

/** The first fire time strictly after `after`, or null if none within ~5 years. */
export function nextFire(cron: Cron, after: Date): Date | null {
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const seconds = [...cron.seconds].sort((a, b) => a - b);
  // Midnight of the Beijing day `after` falls in, as an instant.
  let midnight = Math.floor((after.getTime() + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
  for (let i = 0; i < 366 * 5; i++, midnight += DAY_MS) {
    // The UTC fields of (instant + 8 h) are the Beijing calendar fields.
    const day = new Date(midnight + BEIJING_OFFSET_MS);
    if (!cron.years.has(day.getUTCFullYear()) || !cron.months.has(day.getUTCMonth() + 1)) continue;
    if (!cron.days.has(day.getUTCDate()) || !cron.weekdays.has(day.getUTCDay())) continue;
    for (const h of hours) {
      for (const m of minutes) {
        for (const s of seconds) {
          const at = midnight + ((h * 60 + m) * 60 + s) * 1000;
          if (at > after.getTime()) return new Date(at);
        }
      }
    }
  }
  return null;
}

/** Every fire time in (from, to]. */
export function firesBetween(cron: Cron, from: Date, to: Date): Date[] {
  const out: Date[] = [];
  let at = nextFire(cron, from);
  while (at && at.getTime() <= to.getTime()) {
    out.push(at);
    at = nextFire(cron, at);
  }
  return out;
}
