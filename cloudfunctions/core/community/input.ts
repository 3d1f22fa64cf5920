/** Input pieces of community work: ids made on the phone, days that cannot be in the future. */
import { z } from 'zod';
import { invalid } from '../errors';
import { beijingDate, dayjs } from '../time';

/**
 * An id the phone makes when a form is opened (a visit, a ledger entry): long enough that two phones never make the
 * same one, so a retry after a lost answer names the same record and is stored once.
 */
export const clientId = (what: string) => z.string({ error: `${what}必须是字符串` }).regex(/^[A-Za-z0-9_-]{16,64}$/, `${what}格式不正确，请重新打开表单`);

/** A month "YYYY-MM". */
export const month = (what: string) => z.string({ error: `${what}必须是文字` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${what}格式应为 YYYY-MM`);

/**
 * A day that has happened (a visit, a payment): not after today and at most a year back, on the Beijing calendar of
 * the invocation's clock (checked in core, where that clock is known, not in the schema).
 */
export function assertPastDay(date: string, now: Date, what: string, path: string): void {
  const today = beijingDate(now);
  if (date > today) throw invalid(`${what}不能晚于今天`, path);
  if (date < dayjs.utc(today).subtract(1, 'year').format('YYYY-MM-DD')) throw invalid(`${what}不能早于一年前`, path);
}
