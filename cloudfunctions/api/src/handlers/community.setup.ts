import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { communitySetup } from '../../../core/community/setup';

/** The school's townships and communities with their visit intervals, for the admin's set-up and invites. */
export default defineHandler('community.setup', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => communitySetup(ctx.db, input.schoolId),
});
