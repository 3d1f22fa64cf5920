import crypto from 'node:crypto';

/** A new document id (24 hex characters, like the cloud's own). */
export function newId(): string {
  return crypto.randomBytes(12).toString('hex');
}
