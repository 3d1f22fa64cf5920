import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';

/** Admin adds a community / village (社区/村) the school works with. */
export default defineHandler('communities.create', {
  input: z.object({ schoolId: id('学校ID'), name: text('社区名称', 30) }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const same = await ctx.db.collection('communities').where({ schoolId: input.schoolId, name: input.name }).limit(1).get();
    if (same.data.length) throw new AppError('CONFLICT', `已有同名社区：${input.name}`);
    const res = await ctx.db.collection('communities').add({ schoolId: input.schoolId, name: input.name, createdAt: ctx.now });
    return { id: res.id as string, name: input.name };
  },
});
