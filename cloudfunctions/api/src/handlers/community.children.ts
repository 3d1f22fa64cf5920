import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { loadRegister } from '../../../core/community/register';

/**
 * The 儿童主任's register (登记册): the community's children with last visit, next visit due, open alerts and the
 * 低保 and relief they receive, children to act on first. Every child shown is audited.
 */
export default defineHandler('community.children', {
  input: z.object({ communityId: id('社区ID') }).strict(),
  access: { roles: ['community', 'township', 'admin'], scope: { community: 'communityId' } },
  run: (ctx) => loadRegister(ctx.db, ctx.grant.record, { ...actorOf(ctx), role: ctx.grant.role }),
});
