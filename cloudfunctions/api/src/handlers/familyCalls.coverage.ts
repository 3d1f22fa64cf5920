import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { coverageView } from '../../../core/familyCalls/coverage';

/**
 * Weekly contact coverage (Beijing ISO week containing `date`, default this week): the share of left-behind children
 * of a class (teacher, admin) or of the school per class (admin) who had a video or phone contact, and the children
 * with none in that week nor the week before.
 */
export default defineHandler('familyCalls.coverage', {
  input: z.union(
    [z.object({ classId: id('班级ID'), date: day().optional() }).strict(), z.object({ schoolId: id('学校ID'), date: day().optional() }).strict()],
    { error: '请指定班级或学校' },
  ),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => coverageView(ctx, 'classId' in input ? { classId: input.classId } : { schoolId: input.schoolId }, input.date),
});
