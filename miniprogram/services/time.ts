/**
 * Times as people read them, in Beijing time whatever the phone's time zone (a parent working abroad still sees
 * the school's clock). China has no daylight saving, so Beijing is UTC+8 all year.
 */
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function parts(at: Date) {
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return { y: b.getUTCFullYear(), m: b.getUTCMonth() + 1, d: b.getUTCDate(), hh: String(b.getUTCHours()).padStart(2, '0'), mm: String(b.getUTCMinutes()).padStart(2, '0') };
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
