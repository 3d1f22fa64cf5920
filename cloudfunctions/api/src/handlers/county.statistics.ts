import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportCountyStatistics } from '../../../core/reports/statistics';

/** The county's 统计表 as xlsx: a row per school (each in its own term) and the county's total. Counts only. */
export default defineHandler('county.statistics', {
  input: z.object({ countyId: id('县ID').optional() }).strict(),
  access: { roles: ['county'], scope: { county: 'countyId', mine: true } },
  run: (ctx) => exportCountyStatistics(ctx.db, ctx.grant.record as { _id: string; name: string }, actorOf(ctx)),
});
