/**
 * The api function's one entrance: event.action -> handler. Order: identity from the cloud context,
 * input validation, access check, then the handler. Whatever fails, the client gets {ok:false, error} with a
 * Chinese message; unexpected errors are logged here and answered as INTERNAL without details.
 */
import type { ApiResponse } from '../../../typings/errors';
import { openInvocation, type FunctionContext } from '../../core/cloud';
import { AppError } from '../../core/errors';
import { loadPrincipal } from '../../core/access';
import type { ActionName } from '../../../typings/actions';
import type { ActionDescription } from '../../../typings/actions/system';
import { authorize, loadScopeRecord, requestedRecord } from './authorize';
import { describeAction } from './describe';
import { checkInputShape } from './shape';
import { inputIssues } from '../../core/validate';
import type { Handler } from './handler';

/** Every action's handler, one per action of the contract (handlers/index.ts builds it). */
export type HandlerTable = { [A in ActionName]: Handler<A> };

export class Registry {
  private readonly handlers: Map<string, Handler>;

  constructor(table: HandlerTable) {
    this.handlers = new Map(Object.values(table).map((h) => [h.action, h]));
    for (const [action, handler] of Object.entries(table)) {
      if (handler.action !== action) throw new Error(`handler ${handler.action} is registered as ${action}`);
      if (!handler.access) throw new Error(`action ${action} has no access rule`);
    }
  }

  get(action: string): Handler | undefined {
    return this.handlers.get(action);
  }

  all(): Handler[] {
    return [...this.handlers.values()].sort((a, b) => a.action.localeCompare(b.action));
  }

  catalog(): ActionDescription[] {
    return this.all().map(describeAction);
  }
}

export async function route(registry: Registry, event: unknown, context: FunctionContext): Promise<ApiResponse<unknown>> {
  try {
    if (!event || typeof event !== 'object' || Array.isArray(event)) throw new AppError('BAD_REQUEST', '请求格式不正确');
    const { action, input } = event as { action?: unknown; input?: unknown };
    if (typeof action !== 'string' || !action) throw new AppError('BAD_REQUEST', '请求缺少 action');
    const handler = registry.get(action);
    if (!handler) throw new AppError('UNKNOWN_ACTION', `未知的操作：${action.slice(0, 60)}`);
    checkInputShape(input);

    const invocation = openInvocation(context);
    if (!invocation.openid) throw new AppError('UNAUTHENTICATED', '无法识别用户身份，请在微信中打开');

    const parsed = handler.input.safeParse(input ?? {}, { reportInput: true });
    if (!parsed.success) {
      const issues = inputIssues(parsed.error);
      throw new AppError('INVALID_INPUT', '输入有误：' + issues[0].message, issues);
    }

    // The caller's bindings and the record the rule names are loaded at once: neither waits on the other.
    const request = requestedRecord(handler.access, parsed.data as Record<string, unknown>);
    const record = request ? loadScopeRecord(invocation.db, request) : undefined;
    record?.catch(() => {}); // awaited in authorize; a failure there must not also surface as unhandled
    const principal = await loadPrincipal(invocation.db, invocation.openid);
    const base = { ...invocation, principal, action: handler.action, catalog: () => registry.catalog() };
    const grant = await authorize(base, handler.access, parsed.data as Record<string, unknown>, record);
    const data = await handler.run({ ...base, grant }, parsed.data);
    return { ok: true, data: data ?? null };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toJSON() };
    console.error('[api] unexpected error', err);
    return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } };
  }
}
