import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { publishPost } from '../../../core/growth/posts';

/** A post held by the content check, published by a teacher of the class after a look. */
export default defineHandler('posts.publish', {
  input: z.object({ postId: id('动态ID') }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { post: 'postId' }, check: 'classStaff' },
  run: (ctx) => publishPost(ctx, actorOf(ctx), ctx.grant.record),
});
