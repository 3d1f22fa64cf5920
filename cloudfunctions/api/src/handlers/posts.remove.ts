import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { removePost } from '../../../core/growth/posts';

/** Remove a post with its photos, messages and likes (its author, or a teacher of the class). */
export default defineHandler('posts.remove', {
  input: z.object({ postId: id('动态ID') }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { post: 'postId' }, check: 'authorOrClassStaff' },
  run: (ctx) => removePost(ctx, actorOf(ctx), ctx.grant.record),
});
