import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listAudit } from '../../../core/audit';

/** The audit trail for the admin, newest first, filtered by child or person; paged by time. */
export default defineHandler('audit.list', {
  input: z
    .object({
      schoolId: id('学校ID'),
      childId: id('儿童ID').optional(),
      openid: z
        .string()
        .min(1)
        .max(64, 'OPENID 过长')
        .regex(/^[A-Za-z0-9_-]+$/, 'OPENID 格式不正确')
        .optional(),
      /** The `next` cursor of the previous page. */
      before: z.string({ error: '翻页位置必须是文字' }).max(120, '翻页位置不正确').optional(),
      limit: z.number().int().min(1).max(200, '每页最多 200 条').optional(),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => listAudit(ctx.db, input),
});
