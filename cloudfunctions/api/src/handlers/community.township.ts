import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { townshipOverview } from '../../../core/community/township';

/** The 儿童督导员's township: visit coverage per community, open alerts (urgent first), the ledger's totals. */
export default defineHandler('community.township', {
  input: z.object({ townshipId: id('乡镇ID') }).strict(),
  access: { roles: ['township', 'admin'], scope: { township: 'townshipId' } },
  run: (ctx) => {
    const { binding, record } = ctx.grant;
    // A 儿童督导员's binding already holds the township's communities (read with it); an admin's does not.
    const reach = binding.role === 'township' && binding.townshipId === record._id ? binding.communityIds : undefined;
    return townshipOverview(ctx.db, record, { ...actorOf(ctx), role: ctx.grant.role }, reach);
  },
});
