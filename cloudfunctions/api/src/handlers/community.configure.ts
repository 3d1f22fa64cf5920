import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { configureVisits } from '../../../core/community/setup';

const months = (what: string) =>
  z
    .number({ error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(1, `${what}至少 1 个月`)
    .max(12, `${what}最多 12 个月`);

/** How often the community's children are visited (default every 3 months, focus children every month). */
export default defineHandler('community.configure', {
  input: z.object({ communityId: id('社区ID'), everyMonths: months('走访间隔'), focusEveryMonths: months('重点对象走访间隔') }).strict(),
  access: { roles: ['admin', 'township'], scope: { community: 'communityId' } },
  run: (ctx, input) => configureVisits(ctx.db, ctx.grant.record, { everyMonths: input.everyMonths, focusEveryMonths: input.focusEveryMonths }, actorOf(ctx)),
});
