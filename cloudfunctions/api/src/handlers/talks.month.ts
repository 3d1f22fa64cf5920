import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { month } from '../../../core/talks/input';
import { monthRound, placeScope } from '../../../core/talks/month';
import { monthOf } from '../../../core/talks/round';
import { viewerOf } from '../../../core/talks/writer';

/**
 * The monthly talk round of a class (class teacher, admin): each left-behind child's status this month (已谈心 /
 * 待谈心 / 逾期未谈), their last talk, open follow-ups and whose talk it is; for an admin's whole school, each class's
 * counts. Without a class or school named, the caller's own class (or an admin's school). Audited per child shown.
 */
export default defineHandler('talks.month', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional(), month: month().optional() })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => monthRound(ctx.db, placeScope(ctx.grant.target!), monthOf(input.month, ctx.now), viewerOf(ctx), ctx.now),
});
