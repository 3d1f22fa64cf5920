import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { postDetail, resolvePost } from '../../../core/growth/feed';

/**
 * One post with a thread: with childId, the post as that child's family sees it (a family: their own thread; a
 * teacher: that family's thread); without, a teacher's view of the post with every family that wrote.
 */
export default defineHandler('posts.get', {
  input: z.object({ postId: id('动态ID'), childId: id('儿童ID').optional() }).strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId', post: 'postId' } },
  async run(ctx, input) {
    const { post, child } = await resolvePost(ctx.db, ctx.grant.record, input.postId, ctx.grant.role);
    return postDetail(ctx, post, child, ctx.grant.role);
  },
});
