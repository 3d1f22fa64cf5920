/**
 * What a handler is: one action of the contract (typings/actions), its input schema, its access rule, and the work.
 *
 *   export default defineHandler('familyCalls.confirm', {
 *     input: z.object({ callId: id('通话ID') }).strict(),
 *     access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { call: 'callId' }, check: 'invitedToCall' },
 *     run: (ctx) => confirmCall(ctx, ctx.grant.record),
 *   });
 *
 * The compiler holds the handler to the contract: the schema must accept exactly the contract's input and `run`
 * must answer the contract's output, or `npm run typecheck` fails. The access rule names the record it is about
 * (core/scopes.ts); the router loads and checks it before `run`, which finds it in `ctx.grant.record`.
 */
import type { z } from 'zod';
import type { ActionInput, ActionName, ActionOutput } from '../../../typings/actions';
import type { ActionDescription } from '../../../typings/actions/system';
import type { Role } from '../../../typings/roles';
import type { Invocation } from '../../core/cloud';
import type { Grant, Principal } from '../../core/access';
import type { CheckName, ScopeKind, ScopeRecords } from '../../core/scopes';

/** The input fields that can name a record: string ids (of any variant, for a union of inputs). */
type IdField<I> = I extends unknown ? { [K in keyof I]-?: NonNullable<I[K]> extends string ? K : never }[keyof I] & string : never;

/**
 * Where an action acts:
 * - `{ call: 'callId' }`: the record named by that input field (several kinds: the first field present wins);
 *   `mine: true` falls back to the caller's own place (a class teacher's class, else an admin's school) when the
 *   input names none;
 * - `'own'`: only the caller's own records (their inbox, their children's calls), found through their bindings;
 * - `'deployment'`: settings of the whole deployment.
 */
export type ScopeRule<I> = 'own' | 'deployment' | ({ [K in ScopeKind]?: IdField<I> } & { mine?: true });

export type AccessRule<I> =
  /** Any WeChat user, even one without a role (whoami, redeeming an invite). */
  | { anyone: true }
  /** Admins; and every caller when the functions run in the local emulator (developer tooling). */
  | { adminOrLocal: true }
  /** Callers holding one of these roles, in the scope the rule names, passing the named check if any. */
  | { roles: readonly Role[]; scope: ScopeRule<I>; check?: CheckName | readonly CheckName[] };

/** Any rule, its input put away (fields are plain strings). */
export type AnyAccessRule = AccessRule<Record<string, string>>;

/** The record a rule's scope names, as the handler receives it. */
export type RecordOf<R> = R extends { scope: infer S }
  ? S extends string
    ? null
    : ScopeRecords[Extract<Exclude<keyof S, 'mine'>, ScopeKind>] | (S extends { mine: true } ? ScopeRecords['school'] | ScopeRecords['class'] : never)
  : null;

export type GrantOf<R> = R extends { roles: readonly Role[] } ? Grant<RecordOf<R>> : null;

export interface BaseContext extends Invocation {
  principal: Principal;
  action: ActionName;
  /** Every registered action with its rule (meta.actions reads it). */
  catalog(): ActionDescription[];
}

export interface HandlerContext<G = Grant<unknown> | null> extends BaseContext {
  /** The role, binding, place and record under which access was granted (null for `anyone` rules). */
  grant: G;
}

/** Both directions, so a field the contract has and the schema lacks (or the reverse) is an error. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Shown by the compiler where a schema and the contract disagree. */
interface ContractMismatch<A extends ActionName, Schema, Contract> {
  error: `the input schema of ${A} does not match typings/actions`;
  schema: Schema;
  contract: Contract;
}

type CheckedSchema<A extends ActionName, S extends z.ZodType> =
  Same<z.input<S>, ActionInput<A>> extends true ? S : ContractMismatch<A, z.input<S>, ActionInput<A>>;

export interface HandlerSpec<A extends ActionName, S extends z.ZodType, R extends AccessRule<z.output<S>>> {
  input: CheckedSchema<A, S>;
  access: R;
  run(ctx: HandlerContext<GrantOf<R>>, input: z.output<S>): Promise<ActionOutput<A>>;
}

/** A handler once defined: what the router needs, with the types checked and put away. */
export interface Handler<A extends ActionName = ActionName> {
  action: A;
  input: z.ZodType;
  access: AnyAccessRule;
  run(ctx: HandlerContext, input: unknown): Promise<unknown>;
}

export function defineHandler<A extends ActionName, S extends z.ZodType, R extends AccessRule<z.output<S>>>(action: A, spec: HandlerSpec<A, S, R>): Handler<A> {
  return {
    action,
    input: spec.input as z.ZodType,
    access: spec.access as AnyAccessRule,
    // The router calls this only with the output of this handler's own schema and the grant its own rule produced.
    run: (ctx, input) => spec.run(ctx as HandlerContext<GrantOf<R>>, input as z.output<S>),
  };
}
