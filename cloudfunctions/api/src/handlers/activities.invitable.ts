import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { invitable } from '../../../core/activities/activities';

/** Who may be invited to an activity of a class (its children) or of the school (every child, and the teachers). */
export default defineHandler('activities.invitable', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional() })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx) => invitable(ctx.db, ctx.grant.target!),
});
