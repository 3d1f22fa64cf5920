/** Error codes every action may answer with. The message is always Chinese and safe to show. */
export type ErrorCode =
  | 'BAD_REQUEST' // the request itself is malformed (no action, not an object)
  | 'UNKNOWN_ACTION'
  | 'INVALID_INPUT' // the input failed validation; details list the fields
  | 'UNAUTHENTICATED' // no OPENID in the cloud context
  | 'FORBIDDEN' // role or scope does not allow it
  | 'NOT_FOUND'
  | 'CONFLICT' // already exists, double booking, stale version
  | 'RATE_LIMITED'
  | 'EXPIRED'
  | 'CONSENT_REQUIRED'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: which field failed and why, in Chinese. */
  details?: { path: string; message: string }[];
}

/** The envelope every call of the `api` function answers with. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError };
