import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listClasses } from '../../../core/school';

/** The school's classes (all for an admin, the ones they teach for a teacher) and its communities: the set-up screen in one call. */
export default defineHandler('classes.list', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  run: (ctx, input) => listClasses(ctx.db, input.schoolId, ctx.principal, ctx.grant.role === 'admin'),
});
