/**
 * A request's shape is checked before anything parses or serialises it: how deep it nests, how big it is, and no
 * keys that name an object's prototype. Iterative on purpose: an input nested thousands deep must not overflow the
 * stack (it would in JSON.stringify or a recursive walk) and answer INTERNAL.
 */
import { AppError } from '../../core/errors';

export const MAX_DEPTH = 32;
export const MAX_INPUT_BYTES = 256 * 1024;
/** Keys that reach an object's prototype: silently dropped by parsers, so refused outright. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function checkInputShape(input: unknown): void {
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: input, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string') bytes += Buffer.byteLength(value) + 2;
    else if (value === null || typeof value !== 'object') bytes += 8;
    else {
      if (depth >= MAX_DEPTH) throw new AppError('BAD_REQUEST', `请求内容嵌套过深（最多 ${MAX_DEPTH} 层）`);
      for (const key of Object.keys(value)) {
        if (PROTOTYPE_KEYS.has(key)) throw new AppError('BAD_REQUEST', `请求中不能使用字段名 ${key}`);
        bytes += Buffer.byteLength(key) + 4;
        stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
      }
    }
    if (bytes > MAX_INPUT_BYTES) throw new AppError('BAD_REQUEST', '请求内容过大');
  }
}
