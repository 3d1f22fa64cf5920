import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listCommunities } from '../../../core/school';

/** The school's communities, for set-up forms and the community worker's invite. */
export default defineHandler('communities.list', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  run: async (ctx, input) => ({ communities: await listCommunities(ctx.db, input.schoolId) }),
});
