import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { classView } from '../../../core/school';
import { scopeIds } from '../../../core/access';
import type { SchoolClass } from '../../../../typings/domain';

/** The school's classes: all of them for an admin, the ones they teach for a teacher. */
export default defineHandler({
  action: 'classes.list',
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: (input) => ({ schoolId: input.schoolId }) },
  async run(ctx, input) {
    const isAdmin = ctx.grant!.role === 'admin';
    const _ = ctx.db.command;
    const mine = scopeIds(ctx.principal, 'teacher').classIds;
    if (!isAdmin && mine.length === 0) return { classes: [] };
    const where = isAdmin ? { schoolId: input.schoolId } : { schoolId: input.schoolId, _id: _.in(mine) };
    const res = await ctx.db.collection('classes').where(where).orderBy('grade', 'asc').orderBy('name', 'asc').limit(1000).get();
    return { classes: (res.data as SchoolClass[]).map(classView) };
  },
});
