import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { resolvePost } from '../../../core/growth/feed';
import { writeReply } from '../../../core/growth/replies';
import { REPLY_MAX } from '../../../core/growth/labels';

/** A message in a family's thread under a post: the family's reply, or a teacher's answer to that family. */
export default defineHandler('replies.create', {
  input: z.object({ postId: id('动态ID'), childId: id('儿童ID'), text: text('留言', REPLY_MAX) }).strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const { post } = await resolvePost(ctx.db, ctx.grant.record, input.postId, ctx.grant.role);
    const child = ctx.grant.record;
    return writeReply(ctx, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label }, post, child, input.text);
  },
});
