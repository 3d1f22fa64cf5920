/**
 * Amounts as people type them (650, 650.5, 4,000.00 元) into integer 分 for the server, by reading the digits:
 * never through floating point, so 0.1 + 0.2 cannot become 0.30000000000000004 元.
 */
export type Parsed = { fen: number; error: null } | { fen: null; error: string };

export function parseYuan(text: string, what = '金额'): Parsed {
  const s = String(text ?? '')
    .replace(/[,，\s元]/g, '')
    .trim();
  if (!s) return { fen: null, error: `请填写${what}` };
  if (s.startsWith('-')) return { fen: null, error: `${what}不能为负数` };
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { fen: null, error: `${what}格式不正确，如 650 或 650.50` };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0) return { fen: null, error: `${what}必须大于 0` };
  return { fen, error: null };
}

/** 65000 → "650.00" (the server sends 元 text too; this is for amounts the page computes). */
export function yuanText(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
