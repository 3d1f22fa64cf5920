import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { saveSummary } from '../../../core/reports/summary';

const section = z
  .object({
    key: z.string({ error: '段落标识必须是文字' }).regex(/^[a-zA-Z0-9_-]{1,40}$/, '段落标识不正确'),
    heading: text('段落标题', 40),
    text: text('段落内容', 5000, 0),
  })
  .strict();

/** Keep the school's edited 工作总结 of a term (the version it was opened at; someone else's save in between is refused). */
export default defineHandler('reports.saveSummary', {
  input: z
    .object({
      schoolId: id('学校ID'),
      term: text('学期', 40),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号不正确').min(0, '版本号不正确'),
      sections: z.array(section, { error: '请填写工作总结' }).min(1, '工作总结至少要有一段').max(20, '工作总结最多 20 段'),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => saveSummary(ctx.db, ctx.grant.target!, input, { ...actorOf(ctx), label: ctx.grant.binding.label ?? null }),
});
