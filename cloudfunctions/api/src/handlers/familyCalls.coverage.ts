import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { startOfBeijingWeek } from '../../../core/time';
import { startOf } from '../../../core/familyCalls/clock';
import { computeCoverage } from '../../../core/familyCalls/coverage';
import type { CoverageView } from '../../../../typings/actions/familyCalls';

/**
 * Weekly contact coverage (Beijing ISO week containing `date`, default this week): the share of left-behind children
 * of a class (teacher, admin) or of the school per class (admin) who had a video or phone contact, and the children
 * with none in that week nor the week before.
 */
export default defineHandler('familyCalls.coverage', {
  input: z.union([z.object({ classId: id('班级ID'), date: day().optional() }).strict(), z.object({ schoolId: id('学校ID'), date: day().optional() }).strict()], { error: '请指定班级或学校' }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' } },
  async run(ctx, input): Promise<CoverageView> {
    if ('schoolId' in input && ctx.grant.role !== 'admin') throw new AppError('FORBIDDEN', '全校的统计仅管理员可以查看');
    const scope = 'classId' in input ? { classId: input.classId } : { schoolId: input.schoolId };
    const monday = startOfBeijingWeek(input.date ? startOf(input.date, '12:00') : ctx.now);
    const { children: _all, ...view } = await computeCoverage(ctx.db, scope, monday);
    return view;
  },
});
