import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { weekAgenda } from '../../../core/familyCalls/screens';

/**
 * The week agenda (Beijing ISO week, Monday first) of a class (teacher, admin): every call day by day, the newest
 * family-phone calls, this week's contact coverage and the left-behind children to book for; of the whole school
 * (admin): each class's calls and coverage, to open a class. Without a class or school named, the caller's own class
 * (or an admin's school): the page opens in one call.
 */
export default defineHandler('familyCalls.week', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional(), date: day().optional() })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => weekAgenda(ctx, ctx.grant.target!, input.date),
});
