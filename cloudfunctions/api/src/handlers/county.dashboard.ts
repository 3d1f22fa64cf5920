import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { countyDashboard } from '../../../core/dashboard/county';

/**
 * The county's view (县教育局): every school's rates side by side and the ones behind target. Counts only: no
 * child's name, id or record reaches the county. Without a county named, the caller's own.
 */
export default defineHandler('county.dashboard', {
  input: z.object({ countyId: id('县ID').optional() }).strict(),
  access: { roles: ['county'], scope: { county: 'countyId', mine: true } },
  run: (ctx) => countyDashboard(ctx.db, ctx.grant.record as { _id: string; name: string }, ctx.now),
});
