import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { createCommunity } from '../../../core/school';

/** Admin adds a community / village (社区/村) the school works with. */
export default defineHandler('communities.create', {
  input: z.object({ schoolId: id('学校ID'), name: text('社区名称', 30) }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => createCommunity(ctx.db, input.schoolId, input.name, ctx.now),
});
