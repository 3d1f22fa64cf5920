/**
 * The one typed way pages reach the backend:
 *   const me = await call('whoami', {});
 * resolves with the action's output, or throws a CallError whose `message` is Chinese and safe to show.
 */
import type { ActionInput, ActionName, ActionOutput } from '../../typings/actions';
import type { ApiError, ErrorCode } from '../../typings/errors';
import { getTransport } from './transport';

/** NETWORK: the call never got an answer (offline, emulator down, function timed out). */
export type CallErrorCode = ErrorCode | 'NETWORK';

export class CallError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
    readonly details?: ApiError['details'],
  ) {
    super(message);
    this.name = 'CallError';
  }
}

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';
const UNREADABLE_MESSAGE = '服务暂时不可用，请稍后再试';

function isEnvelope(value: unknown): value is { ok: true; data: unknown } | { ok: false; error: ApiError } {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && !!v.error && typeof v.error === 'object');
}

export async function call<A extends ActionName>(action: A, input: ActionInput<A>): Promise<ActionOutput<A>> {
  let answer: unknown;
  try {
    answer = await getTransport()({ action, input });
  } catch (err) {
    console.warn(`[api] ${action} transport failed`, err);
    throw new CallError('NETWORK', NETWORK_MESSAGE);
  }
  if (!isEnvelope(answer)) {
    console.warn(`[api] ${action} unreadable answer`, answer);
    throw new CallError('INTERNAL', UNREADABLE_MESSAGE);
  }
  if (!answer.ok) {
    const { code, message, details } = answer.error;
    throw new CallError(code, message || UNREADABLE_MESSAGE, details);
  }
  return answer.data as ActionOutput<A>;
}

/** The Chinese message to show for anything a call may throw. */
export function errorMessage(err: unknown): string {
  return err instanceof CallError ? err.message : UNREADABLE_MESSAGE;
}
