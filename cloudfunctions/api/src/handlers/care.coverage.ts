import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { careCoverage } from '../../../core/archive/care';

/**
 * 关爱网络覆盖: the left-behind children of a class (teacher, admin) or of the whole school (admin) who have no
 * mentor teacher or no hand-in-hand buddy right now.
 */
export default defineHandler('care.coverage', {
  input: z.union([z.object({ classId: id('班级ID') }).strict(), z.object({ schoolId: id('学校ID') }).strict()], {
    error: '请指定班级或学校',
  }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' } },
  run: (ctx, input) => careCoverage(ctx.db, input, ctx.grant.role),
});
