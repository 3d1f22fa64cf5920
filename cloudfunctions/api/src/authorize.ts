/**
 * The one place that decides whether a caller may run an action in a scope.
 */
import type { AccessRule, HandlerContext } from './handler';
import { AppError } from '../../core/errors';
import { hasRole } from '../../core/access';

export async function authorize<I>(ctx: HandlerContext, rule: AccessRule<I>, input: I): Promise<void> {
  if ('anyone' in rule) return;
  if ('adminOrLocal' in rule) {
    if (ctx.local || hasRole(ctx.principal, 'admin')) return;
    throw new AppError('FORBIDDEN', '仅管理员可以查看');
  }
  const held = ctx.principal.bindings.filter((b) => rule.roles.includes(b.role));
  if (held.length === 0) throw new AppError('FORBIDDEN', '您的身份无权进行此操作');
  if (rule.scope === 'none') return;
  void input;
  throw new AppError('FORBIDDEN', '无权访问该范围的数据');
}
