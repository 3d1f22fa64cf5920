import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { schoolDashboard } from '../../../core/dashboard/school';

const term = text('学期', 40).optional();

/**
 * The dashboard of a school (admin, county) or a class (its teachers, admin) for a term of the school calendar
 * (default: today's): every rate against its target, per class for a school, and the trend by month. Counts only.
 * A school's figures are its counts kept this morning, with when; `recount` counts them afresh.
 */
export default defineHandler('dashboard.school', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional(), term, recount: z.boolean().optional() })
    .strict()
    .refine((i) => !!i.classId !== !!i.schoolId, '请指定一个班级或学校'),
  access: { roles: ['admin', 'teacher', 'county'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdminOrCounty' },
  run: (ctx, input) =>
    schoolDashboard(
      ctx.db,
      ctx.grant.target!,
      { scopeName: ctx.grant.record.name, drillDown: ctx.grant.role !== 'county' },
      input.term,
      ctx.now,
      input.recount,
    ),
});
