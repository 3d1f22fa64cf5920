import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { shareStudy } from '../../../core/parent/study';

/** The exams of a child's progress archive and which ones the family sees on their home; `change` switches one. */
export default defineHandler('parent.shareStudy', {
  input: z
    .object({
      childId: id('儿童ID'),
      change: z
        .object({ exam: text('考试名称', 30), date: day('考试日期'), shared: z.boolean({ error: '请选择是否分享' }) })
        .strict()
        .optional(),
    })
    .strict(),
  access: { roles: ['teacher', 'admin'], scope: { child: 'childId' } },
  run: (ctx, input) => shareStudy(ctx.db, actorOf(ctx), ctx.grant.record, input.change),
});
