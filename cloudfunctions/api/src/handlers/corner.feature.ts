import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { featureWork } from '../../../core/corner/works';

/** The teacher picks an approved work for the top of the board (挑选作品), or takes it off. */
export default defineHandler('corner.feature', {
  input: z.object({ workId: id('作品ID'), featured: z.boolean({ error: '请选择是否展示' }) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { work: 'workId' } },
  async run(ctx, input) {
    return { featured: await featureWork(ctx.db, ctx.grant.record._id, input.featured, actorOf(ctx)) };
  },
});
