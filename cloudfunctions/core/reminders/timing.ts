/**
 * When a WeChat message may go out: quiet hours per role (Beijing wall clock) and the retry backoff.
 */
import type { Role } from '../../../typings/roles';
import { beijing, fromBeijing } from '../time';
import type { QuietWindow, ReminderConfig } from './config';

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

export function inWindow(window: QuietWindow, at: Date): boolean {
  const t = beijing(at);
  const now = t.hour() * 60 + t.minute();
  const start = minutes(window.start);
  const end = minutes(window.end);
  // 22:00-07:00 wraps past midnight; 12:00-14:00 does not.
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The end of the quiet window `at` falls in (the next Beijing `end` time after `at`), or null when not quiet. */
export function quietUntil(role: Role, at: Date, config: Pick<ReminderConfig, 'quietHours'>): Date | null {
  const window = config.quietHours[role];
  if (!window || !inWindow(window, at)) return null;
  const day = beijing(at).format('YYYY-MM-DD');
  const sameDay = fromBeijing(`${day} ${window.end}`);
  if (sameDay.getTime() > at.getTime()) return sameDay;
  const next = beijing(at).add(1, 'day').format('YYYY-MM-DD');
  return fromBeijing(`${next} ${window.end}`);
}

/** Attempts in all (the first send and its retries) before a transiently failing message is given up. */
export const MAX_ATTEMPTS = 4;
/** Wait after the n-th failed attempt (n = 1, 2, 3): the scheduler runs every 15 minutes, so shorter waits mean "next run". */
export const RETRY_DELAYS_MIN = [15, 60, 240];

export function retryAt(failedAttempts: number, now: Date): Date | null {
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  const delay = RETRY_DELAYS_MIN[Math.min(failedAttempts, RETRY_DELAYS_MIN.length) - 1];
  return new Date(now.getTime() + delay * 60000);
}

/**
 * WeChat errcodes that no retry can fix: 43101 the user refused / has no subscription left, 40037 bad template id,
 * 47003 bad argument, 40003 bad openid, 41030 bad page, 43107 the template is not subscribed by that user,
 * 47001 data format. Others (-1 busy, 45009 rate limit, 40001/42001 access token) are retried.
 */
export const PERMANENT_ERRCODES = new Set([43101, 40037, 47003, 40003, 41030, 43107, 47001]);

export function isPermanent(errcode: number): boolean {
  return PERMANENT_ERRCODES.has(errcode);
}
