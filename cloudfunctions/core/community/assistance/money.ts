/**
 * Money in the ledger: integer 分 (fen) everywhere, never floats; shown as 元 with two decimals (650.00). An amount
 * is a whole number of fen above zero (a 低保 may also stop: zero) and within what one entry can sensibly be.
 */
import { z } from 'zod';

/** One entry (a relief, a payment, aid's value): at most 10 万元. */
export const MAX_ENTRY_FEN = 100_000 * 100;
/** Per month (低保, a recurring payment): at most 1 万元. */
export const MAX_MONTHLY_FEN = 10_000 * 100;

export const fen = (what: string, max: number, opts: { zero?: boolean } = {}) =>
  z
    .number({ error: `${what}必须是数字（以分计）` })
    .int(`${what}必须是整数（以分计，不能有小数）`)
    .min(opts.zero ? 0 : 1, opts.zero ? `${what}不能为负数` : `${what}必须大于 0（不能为负数或零）`)
    .max(max, `${what}不合理：不能超过 ${yuan(max)} 元`);

/** 65000 -> "650.00"; -150 -> "-1.50". Integer arithmetic only. */
export function yuan(fenAmount: number): string {
  const sign = fenAmount < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fenAmount));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
