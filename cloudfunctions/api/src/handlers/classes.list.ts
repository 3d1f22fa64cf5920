import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { classView } from '../../../core/school';
import { scopeIds } from '../../../core/access';
import type { SchoolClass } from '../../../../typings/domain';

/** The school's classes (all for an admin, the ones they teach for a teacher) and its communities: the set-up screen in one call. */
export default defineHandler('classes.list', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const isAdmin = ctx.grant.role === 'admin';
    const _ = ctx.db.command;
    const mine = scopeIds(ctx.principal, 'teacher').classIds;
    const where = isAdmin ? { schoolId: input.schoolId } : { schoolId: input.schoolId, _id: _.in(mine) };
    const [classes, communities] = await Promise.all([
      isAdmin || mine.length ? ctx.db.collection('classes').where(where).orderBy('grade', 'asc').orderBy('name', 'asc').limit(1000).get() : Promise.resolve({ data: [] }),
      ctx.db.collection('communities').where({ schoolId: input.schoolId }).orderBy('name', 'asc').limit(1000).get(),
    ]);
    return {
      classes: (classes.data as SchoolClass[]).map(classView),
      communities: (communities.data as { _id: string; name: string }[]).map((c) => ({ id: c._id, name: c.name })),
    };
  },
});
