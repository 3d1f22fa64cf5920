import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { RATE_KEYS } from '../../../core/dashboard/rates';
import { rateChildren } from '../../../core/dashboard/drill';

const rate = z.enum(RATE_KEYS, { error: '请选择要查看的比率' });
const term = text('学期', 40).optional();

/**
 * The children behind one rate of a class (its teachers, admin) or school (admin): each with whether they are
 * counted and why. Staff only: the county's view stops at the school. Each child shown is an audited read.
 */
export default defineHandler('dashboard.children', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional(), rate, term })
    .strict()
    .refine((i) => !!i.classId !== !!i.schoolId, '请指定一个班级或学校'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => rateChildren(ctx.db, ctx.grant.target!, ctx.grant.record.name, input.rate, input.term, ctx.now, actorOf(ctx)),
});
