import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { townshipOverview } from '../../../core/community/township';

/** The 儿童督导员's township: visit coverage per community, open alerts (urgent first), the ledger's totals. */
export default defineHandler('community.township', {
  input: z.object({ townshipId: id('乡镇ID') }).strict(),
  access: { roles: ['township', 'admin'], scope: { township: 'townshipId' } },
  run: (ctx) => townshipOverview(ctx.db, ctx.grant.record, actorOf(ctx)),
});
