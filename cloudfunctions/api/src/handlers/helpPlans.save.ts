import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { saveHelpPlan } from '../../../core/talks/helpPlans';
import { writerOf } from '../../../core/talks/writer';

/**
 * Write or edit a child's help plan of a term (帮扶计划): goals, time, content, expected stage results, the study
 * buddy and subjects (学习帮扶). `expectedVersion` 0 for a new one; a stale copy is refused.
 */
export default defineHandler('helpPlans.save', {
  input: z
    .object({
      childId: id('儿童ID'),
      termStart: day('学期开始日期'),
      goals: text('帮扶目标', 500),
      schedule: text('帮扶时间', 100),
      content: text('帮扶内容', 500),
      expected: text('预期阶段性效果', 500),
      buddyChildId: id('学习帮手').nullable(),
      subjects: z.array(text('帮扶科目', 10), { error: '帮扶科目格式不正确' }).max(6, '帮扶科目最多 6 个'),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(0, '版本号不正确'),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => saveHelpPlan(writerOf(ctx), ctx.grant.record, input),
});
