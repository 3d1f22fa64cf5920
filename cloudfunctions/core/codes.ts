/**
 * One-time codes (invites, the bootstrap code): random, short enough to type, stored only as a hash,
 * and guessing is limited per OPENID.
 */
import crypto from 'node:crypto';
import { isDuplicate, type Database } from './cloud';
import { AppError } from './errors';
import { COLLECTION } from './collections';
import { docOf } from './archive/store';

// No 0/O, 1/I/L: codes are read aloud and typed by parents on a phone.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateCode(length = 8): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[crypto.randomInt(ALPHABET.length)];
  return code;
}

/** ABCD-EFGH for display. */
export function formatCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** What people type: any case, spaces or dashes. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function hashCode(code: string): string {
  return crypto
    .createHash('sha256')
    .update(`care-room:${normalizeCode(code)}`)
    .digest('hex');
}

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 30 * 60 * 1000;

/** One OPENID's tries: `failures` counts the tries of the window, taken before each code is looked at. */
interface AttemptRecord {
  _id: string;
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

interface Try {
  /** 1 for the window's first try ... MAX_FAILURES for its last. */
  number: number;
  windowStart: Date;
}

const rateLimited = (minutes?: number) => new AppError('RATE_LIMITED', minutes ? `输错次数过多，请 ${minutes} 分钟后再试` : '输错次数过多，请稍后再试');

/**
 * Take one try before a code is looked at. The count goes up in one conditional update, so fifty guesses sent at
 * once still get MAX_FAILURES tries between them; the rest are refused without looking at their code.
 */
async function takeTry(db: Database, openid: string, now: Date): Promise<Try> {
  const _ = db.command;
  const attempts = db.collection(COLLECTION.redeemAttempts);
  const windowOpen = new Date(now.getTime() - FAILURE_WINDOW_MS);
  // Each round either takes a try or changes the record so the next round can (created it, or started a new window).
  for (let round = 0; round < 3; round++) {
    const taken = await attempts
      .where({ _id: openid, failures: _.lt(MAX_FAILURES), windowStart: _.gte(windowOpen), lockedUntil: null })
      .updateAndReturn({ failures: _.inc(1) });
    const doc = taken.doc as AttemptRecord | null;
    if (doc) return { number: doc.failures, windowStart: new Date(doc.windowStart) };

    const record = docOf<AttemptRecord>(await attempts.doc(openid).get());
    if (!record) {
      try {
        await attempts.add({ _id: openid, failures: 1, windowStart: now, lockedUntil: null });
        return { number: 1, windowStart: now };
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        continue; // a concurrent try created it first
      }
    }
    if (record.lockedUntil && record.lockedUntil.getTime() > now.getTime())
      throw rateLimited(Math.ceil((record.lockedUntil.getTime() - now.getTime()) / 60000));
    if (record.lockedUntil || record.windowStart.getTime() < windowOpen.getTime()) {
      // The lock or the window is over: a new window (only once, however many tries see it at the same time).
      await attempts.where({ _id: openid, windowStart: record.windowStart }).update({ failures: 0, windowStart: now, lockedUntil: null });
      continue;
    }
    // The window's last tries are being checked right now.
    throw rateLimited();
  }
  throw rateLimited();
}

/**
 * Look a code up under the lockout: `find` answers the record the code names, or undefined for a wrong code, which
 * counts against the caller (the MAX_FAILURES-th within FAILURE_WINDOW_MS locks them for LOCK_MS). A right code
 * gives its try back. A locked caller is refused before their code is looked at.
 */
export async function checkCode<T>(db: Database, openid: string, now: Date, wrongMessage: string, find: () => Promise<T | undefined>): Promise<T> {
  const attempt = await takeTry(db, openid, now);
  const attempts = db.collection(COLLECTION.redeemAttempts);
  const found = await find();
  if (found !== undefined) {
    await attempts.where({ _id: openid, windowStart: attempt.windowStart, failures: db.command.gt(0) }).update({ failures: db.command.inc(-1) });
    return found;
  }
  if (attempt.number >= MAX_FAILURES) {
    await attempts.doc(openid).update({ lockedUntil: new Date(now.getTime() + LOCK_MS) });
    throw new AppError('RATE_LIMITED', `输错次数过多，已锁定 ${LOCK_MS / 60000} 分钟`);
  }
  throw new AppError('NOT_FOUND', `${wrongMessage}（还可尝试 ${MAX_FAILURES - attempt.number} 次）`);
}
