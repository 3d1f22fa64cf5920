import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportSchoolStatistics } from '../../../core/reports/statistics';

/** The school's 统计表 of a term (default today's) as xlsx: a row per class and the school's total, counts and rates against their targets. */
export default defineHandler('reports.statistics', {
  input: z.object({ schoolId: id('学校ID'), term: text('学期', 40).optional() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => exportSchoolStatistics(ctx.db, ctx.grant.target!, ctx.grant.record.name, input.term, actorOf(ctx)),
});
