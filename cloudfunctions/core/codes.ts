/**
 * One-time codes (invites, the bootstrap code): random, short enough to type, stored only as a hash,
 * and guessing is rate-limited per OPENID.
 */
import crypto from 'node:crypto';
import type { Database } from './cloud';
import { AppError } from './errors';

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
  return crypto.createHash('sha256').update(`care-room:${normalizeCode(code)}`).digest('hex');
}

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 30 * 60 * 1000;

interface AttemptRecord {
  _id: string;
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** Refuse at once while this OPENID is locked out. */
export async function assertNotLocked(db: Database, openid: string, now: Date): Promise<void> {
  const res = await db.collection('redeemAttempts').doc(openid).get();
  const record = res.data[0] as AttemptRecord | undefined;
  if (record?.lockedUntil && record.lockedUntil.getTime() > now.getTime()) {
    const minutes = Math.ceil((record.lockedUntil.getTime() - now.getTime()) / 60000);
    throw new AppError('RATE_LIMITED', `输错次数过多，请 ${minutes} 分钟后再试`);
  }
}

/** Count a wrong code; the MAX_FAILURES-th within the window locks the OPENID for LOCK_MS. */
export async function recordFailure(db: Database, openid: string, now: Date): Promise<{ locked: boolean; left: number }> {
  const ref = db.collection('redeemAttempts').doc(openid);
  const res = await ref.get();
  const record = res.data[0] as AttemptRecord | undefined;
  const fresh = !record || now.getTime() - record.windowStart.getTime() > FAILURE_WINDOW_MS;
  const failures = fresh ? 1 : record.failures + 1;
  const locked = failures >= MAX_FAILURES;
  await ref.set({
    failures: locked ? 0 : failures,
    windowStart: fresh || locked ? now : record.windowStart,
    lockedUntil: locked ? new Date(now.getTime() + LOCK_MS) : null,
  });
  return { locked, left: Math.max(0, MAX_FAILURES - failures) };
}

/** Throw the right error for a wrong code after counting it. */
export async function failWrongCode(db: Database, openid: string, now: Date, message: string): Promise<never> {
  const { locked, left } = await recordFailure(db, openid, now);
  if (locked) throw new AppError('RATE_LIMITED', `输错次数过多，已锁定 ${LOCK_MS / 60000} 分钟`);
  throw new AppError('NOT_FOUND', `${message}（还可尝试 ${left} 次）`);
}
