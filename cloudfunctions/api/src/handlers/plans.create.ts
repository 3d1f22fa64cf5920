import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { distinct } from '../../../core/talks/input';
import { PLAN_REASON_LABELS } from '../../../core/talks/labels';
import { createPlan } from '../../../core/talks/plans';
import { writerOf } from '../../../core/talks/writer';
import type { PlanReason } from '../../../../typings/actions/talks';

/**
 * 个别教育管理方案 for a child with 学习严重滑坡, 人格发展不健全, 道德发展失范 or 涉嫌违法: reason, goals, measures
 * (辅导、矫治、心理辅导、家校联系), the responsible teacher, start day and review days. One open plan per child; making
 * it meets the 14-day requirement the child's talks opened.
 */
export default defineHandler('plans.create', {
  input: z
    .object({
      childId: id('儿童ID'),
      reasons: distinct(
        Object.keys(PLAN_REASON_LABELS) as PlanReason[],
        '方案原因',
        '方案原因只能是学习严重滑坡、人格发展不健全、道德发展失范或涉嫌违法',
        4,
      ).refine((r) => r.length > 0, '请至少选择一项方案原因'),
      reasonNote: text('具体情况', 500),
      goals: text('教育目标', 500),
      measures: z
        .array(
          z
            .object(
              {
                kind: z.enum(['tutoring', 'correction', 'counselling', 'home_school'], { error: '措施只能是辅导、矫治、心理辅导或家校联系' }),
                text: text('措施内容', 200),
              },
              { error: '措施格式不正确' },
            )
            .strict(),
          { error: '措施格式不正确' },
        )
        .min(1, '请至少填写一项措施')
        .max(8, '措施最多 8 项'),
      responsible: text('负责教师', 20),
      startDate: day('方案开始日期'),
      reviewDates: z.array(day('复查日期'), { error: '复查日期格式不正确' }).min(1, '请至少安排一次复查').max(12, '复查最多安排 12 次'),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => createPlan(writerOf(ctx), ctx.grant.record, input),
});
