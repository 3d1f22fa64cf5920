/**
 * What a handler is: one action, its input schema, its access rule, and the work.
 * A handler without an access rule cannot be defined (the type requires it, and register() checks again at run time).
 */
import type { z } from 'zod';
import type { Role } from '../../../typings/roles';
import type { Invocation } from '../../core/cloud';
import type { Grant, Principal, ScopeRef } from '../../core/access';

export type AccessRule<I> =
  /** Any WeChat user, even one without a role (whoami, redeeming an invite). */
  | { anyone: true }
  /** Admins; and every caller when the functions run in the local emulator (developer tooling). */
  | { adminOrLocal: true }
  /** Callers holding one of these roles, in the scope the input names (or anywhere, for scope 'none'). */
  | { roles: Role[]; scope: 'none' | ((input: I) => ScopeRef) };

export interface HandlerContext extends Invocation {
  principal: Principal;
  action: string;
  /** The role and binding under which access was granted, and the resolved target (null for `anyone` rules). */
  grant: Grant | null;
}

export interface Handler<S extends z.ZodType = z.ZodType, O = unknown> {
  action: string;
  input: S;
  access: AccessRule<z.infer<S>>;
  run(ctx: HandlerContext, input: z.infer<S>): Promise<O>;
}

export function defineHandler<S extends z.ZodType, O>(handler: Handler<S, O>): Handler<S, O> {
  return handler;
}
