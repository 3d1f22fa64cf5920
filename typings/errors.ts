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

/** Which field failed (or what was refused) and why, in Chinese. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/**
 * A day a family call cannot be held, and why (the CONFLICT of familyCalls.book, move and answerMove), e.g.
 * `{ date: '2027-05-05', reason: '劳动节放假', path: '2027-05-05', message: '5月5日：劳动节放假' }`. The page offers
 * to leave these dates out; `path` and `message` say the same for readers that only know ErrorDetail.
 */
export interface DateConflict extends ErrorDetail {
  date: string;
  reason: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: which field failed and why; for a booking CONFLICT: the dates (DateConflict). */
  details?: (ErrorDetail | DateConflict)[];
}

/** The envelope every call of the `api` function answers with. */
export type ApiResponse<T> = { ok: true; data: T } | { ok: false; error: ApiError };
