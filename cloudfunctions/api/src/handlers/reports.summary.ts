import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { workSummary } from '../../../core/reports/summary';

/** The term's 工作总结: the school's saved draft, or (none yet, or `redraft`) one drafted from the records. */
export default defineHandler('reports.summary', {
  input: z.object({ schoolId: id('学校ID'), term: text('学期', 40).optional(), redraft: z.boolean({ error: '重新生成必须是是或否' }).optional() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => workSummary(ctx.db, ctx.grant.target!, input.term, input.redraft ?? false, ctx.now),
});
