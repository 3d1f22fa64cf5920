import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { communityChild } from '../../../core/community/child';

/**
 * A child as community work sees them, in one call: the fields the work needs (no study, health or family notes),
 * the contact card, open alerts, visits and the ledger. The read is audited with the fields returned.
 */
export default defineHandler('community.child', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['community', 'township', 'admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx) => communityChild(ctx.db, ctx.grant.record, { ...actorOf(ctx), role: ctx.grant.role }),
});
