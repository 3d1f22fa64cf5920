import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';

/** The school's communities, for set-up forms and the community worker's invite. */
export default defineHandler('communities.list', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const res = await ctx.db.collection('communities').where({ schoolId: input.schoolId }).orderBy('name', 'asc').limit(1000).get();
    return { communities: (res.data as { _id: string; name: string }[]).map((c) => ({ id: c._id, name: c.name })) };
  },
});
