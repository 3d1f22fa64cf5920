/**
 * The api function's one entrance: event.action -> handler. Order: identity from the cloud context,
 * input validation, access check, then the handler. Whatever fails, the client gets {ok:false, error} with a
 * Chinese message; unexpected errors are logged here and answered as INTERNAL without details.
 */
import { z } from 'zod';
import type { ApiResponse } from '../../../typings/errors';
import { openInvocation, type FunctionContext } from '../../core/cloud';
import { AppError } from '../../core/errors';
import { loadPrincipal } from '../../core/access';
import { authorize } from './authorize';
import type { Handler } from './handler';

export class Registry {
  private readonly handlers = new Map<string, Handler>();

  register(handler: Handler): void {
    if (!handler.access) throw new Error(`action ${handler.action} has no access rule`);
    if (this.handlers.has(handler.action)) throw new Error(`action ${handler.action} registered twice`);
    this.handlers.set(handler.action, handler);
  }

  get(action: string): Handler | undefined {
    return this.handlers.get(action);
  }

  all(): Handler[] {
    return [...this.handlers.values()].sort((a, b) => a.action.localeCompare(b.action));
  }
}

// Messages zod writes itself (unknown keys, wrong types) are shown to people too: in Chinese, and an unknown field
// (a forged openid, say) named plainly.
z.config(z.locales.zhCN());
z.config({ customError: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys.join('、')}` : undefined) });

const MAX_EVENT_BYTES = 256 * 1024;

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

export async function route(registry: Registry, event: unknown, context: FunctionContext): Promise<ApiResponse<unknown>> {
  try {
    if (!event || typeof event !== 'object' || Array.isArray(event)) throw new AppError('BAD_REQUEST', '请求格式不正确');
    const { action, input } = event as { action?: unknown; input?: unknown };
    if (typeof action !== 'string' || !action) throw new AppError('BAD_REQUEST', '请求缺少 action');
    const handler = registry.get(action);
    if (!handler) throw new AppError('UNKNOWN_ACTION', `未知的操作：${action.slice(0, 60)}`);
    if (JSON.stringify(input ?? {}).length > MAX_EVENT_BYTES) throw new AppError('BAD_REQUEST', '请求内容过大');

    const invocation = openInvocation(context);
    if (!invocation.openid) throw new AppError('UNAUTHENTICATED', '无法识别用户身份，请在微信中打开');

    const parsed = handler.input.safeParse(input ?? {});
    if (!parsed.success) throw new AppError('INVALID_INPUT', '输入有误：' + parsed.error.issues[0].message, zodIssues(parsed.error));

    const principal = await loadPrincipal(invocation.db, invocation.openid);
    const base = { ...invocation, principal, action };
    const grant = await authorize(base, handler.access, parsed.data);
    const data = await handler.run({ ...base, grant }, parsed.data);
    return { ok: true, data: data ?? null };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toJSON() };
    console.error('[api] unexpected error', err);
    return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } };
  }
}
