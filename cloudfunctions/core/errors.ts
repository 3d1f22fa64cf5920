import type { ApiError, ErrorCode } from '../../typings/errors';

/** A failure the caller may see: a code and a Chinese message, never a stack trace. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): ApiError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const forbidden = (message = '无权进行此操作') => new AppError('FORBIDDEN', message);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const invalid = (message: string, path = '') => new AppError('INVALID_INPUT', message, [{ path, message }]);
