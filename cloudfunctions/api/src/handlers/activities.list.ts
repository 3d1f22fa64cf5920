import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { month } from '../../../core/community/input';
import { activityList } from '../../../core/activities/activities';

/** The activities of a month: a class's (its teachers), or every activity of the school (the admin). */
export default defineHandler('activities.list', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional(), month: month('月份').optional() })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => activityList(ctx.db, ctx.grant.target!, input.month, ctx.now),
});
