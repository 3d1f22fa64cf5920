import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportWorkArchive } from '../../../core/reports/archive';

/** The school year's 工作档案 as one workbook (a sheet per part), around a term (default today's). Counts and the school's own texts only. */
export default defineHandler('reports.archive', {
  input: z.object({ schoolId: id('学校ID'), term: text('学期', 40).optional() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => exportWorkArchive(ctx.db, ctx.grant.target!, ctx.grant.record.name, input.term, actorOf(ctx)),
});
