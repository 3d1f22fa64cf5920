import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { resolvePost } from '../../../core/growth/feed';
import { likePost } from '../../../core/growth/replies';

/** A family's thanks for a post (once per person; liked false takes it back). */
export default defineHandler('posts.like', {
  input: z.object({ postId: id('动态ID'), childId: id('儿童ID'), liked: z.boolean({ error: '请说明点赞还是取消' }) }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const { post } = await resolvePost(ctx.db, ctx.grant.record, input.postId, ctx.grant.role);
    return likePost(ctx, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label }, post, input.childId, input.liked);
  },
});
