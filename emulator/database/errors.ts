/**
 * Error codes and reply shapes of the emulated CloudBase database.
 *
 * Every failure leaves `handle` as `{ code, message, requestId }` (the SDK turns a non-empty `code` into a thrown
 * error). Codes follow the cloud's naming; messages say what went wrong in Chinese and English.
 */
import { randomUUID } from 'node:crypto';

export const ErrorCode = {
  /** A parameter is missing, has the wrong type, or is not valid EJSON. */
  INVALID_PARAM: 'INVALID_PARAM',
  /** The request is well formed but cannot be executed (unknown operator, unsupported feature...). */
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  /** Duplicate `_id` or a unique-index violation. */
  DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  /** A document (after the update is applied) is larger than 512 KB. */
  DOCUMENT_TOO_LARGE: 'DATABASE_DOCUMENT_TOO_LARGE',
  /** Another transaction or write touched the same document; `runTransaction` retries on this code. */
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /** Unknown, finished or expired transaction. */
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /** Unknown `action`. */
  INVALID_ACTION: 'INVALID_ACTION',
  SYS_ERR: 'SYS_ERR',
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DbError extends Error {
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export function invalidParam(message: string): DbError {
  return new DbError(ErrorCode.INVALID_PARAM, message);
}

export function collectionNotExist(name: string): DbError {
  return new DbError(ErrorCode.COLLECTION_NOT_EXIST, `[ResourceNotFound] 集合 "${name}" 不存在，请先创建集合 (collection "${name}" does not exist)`);
}

const REQUEST_PREFIX = randomUUID().slice(0, 8);
let requestCounter = 0;

/** A request id unique within this process (prefix per process + counter), cheap enough for every request. */
export function newRequestId(): string {
  return `${REQUEST_PREFIX}-${(++requestCounter).toString(16).padStart(8, '0')}`;
}

export function errorReply(err: unknown, requestId: string): Record<string, unknown> {
  if (err instanceof DbError) return { code: err.code, message: err.message, requestId };
  const message = err instanceof Error ? err.message : String(err);
  return { code: ErrorCode.SYS_ERR, message: `数据库内部错误 (internal error): ${message}`, requestId };
}
