/**
 * Type-level tests of the handler contract, checked by `npm run typecheck` (not run by jest). Each
 * `@ts-expect-error` marks a handler that must not compile; if one ever compiles, the directive is unused and
 * typecheck fails.
 */
import { z } from 'zod';
import { defineHandler } from '../../cloudfunctions/api/src/handler';
import { id } from '../../cloudfunctions/core/validate';
import type { CallView } from '../../typings/actions/familyCalls';

const view = {} as CallView;

// Agrees with the contract: compiles, and the record the rule names reaches run typed.
export const right = defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { call: 'callId' }, check: 'invitedToCall' },
  async run(ctx) {
    const startsAt: Date = ctx.grant.record.startsAt;
    void startsAt;
    return view;
  },
});

export const wrongInput = defineHandler('familyCalls.confirm', {
  // @ts-expect-error the schema names a field the contract does not have
  input: z.object({ callId: id('通话ID'), extra: z.string() }).strict(),
  access: { roles: ['parent'], scope: { call: 'callId' } },
  run: async () => view,
});

export const missingField = defineHandler('familyCalls.confirm', {
  // @ts-expect-error the schema lacks the contract's callId
  input: z.object({}).strict(),
  access: { roles: ['parent'], scope: 'own' },
  run: async () => view,
});

export const wrongOutput = defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['parent'], scope: { call: 'callId' } },
  // @ts-expect-error run answers something that is not the contract's CallView
  run: async () => ({ confirmed: true }),
});

export const wrongScopeField = defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  // @ts-expect-error a scope must name an id field of the input
  access: { roles: ['parent'], scope: { call: 'childId' } },
  run: async () => view,
});

export const wrongCheck = defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  // @ts-expect-error only the checks declared in core/scopes.ts exist
  access: { roles: ['parent'], scope: { call: 'callId' }, check: 'trustMe' },
  run: async () => view,
});

// @ts-expect-error an action that is not in the contract cannot be defined
export const unknownAction = defineHandler('familyCalls.teleport', {
  input: z.object({}).strict(),
  access: { anyone: true },
  run: async () => ({}),
});

export const recordIsTyped = defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['parent'], scope: { call: 'callId' } },
  async run(ctx) {
    // @ts-expect-error a call record has no name: the grant's record is the call, typed
    void ctx.grant.record.name;
    return view;
  },
});
