/**
 * The one place that decides whether a caller may run an action in a scope (rules in core/access.ts).
 */
import type { AccessRule, HandlerContext } from './handler';
import { AppError } from '../../core/errors';
import { grantFor, hasRole, resolveTarget, type Grant } from '../../core/access';

export async function authorize<I>(ctx: Omit<HandlerContext, 'grant'>, rule: AccessRule<I>, input: I): Promise<Grant | null> {
  if ('anyone' in rule) return null;
  if ('adminOrLocal' in rule) {
    if (ctx.local || hasRole(ctx.principal, 'admin')) return null;
    throw new AppError('FORBIDDEN', '仅管理员可以查看');
  }
  // Check the role before touching the database, so a caller without the role learns nothing about ids.
  grantFor(ctx.principal, rule.roles, null);
  if (rule.scope === 'none') return grantFor(ctx.principal, rule.roles, null);
  const ref = rule.scope(input);
  const target = await resolveTarget(ctx.db, ref);
  return grantFor(ctx.principal, rule.roles, target);
}
