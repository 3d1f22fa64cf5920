import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { linkChild } from '../../../core/community/setup';

/** The school links a child to their home community (村/社区): its 儿童主任 then looks after the child. */
export default defineHandler('community.linkChild', {
  input: z.object({ childId: id('儿童ID'), communityId: id('社区ID').nullable() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => linkChild(ctx.db, ctx.grant.record, input.communityId, actorOf(ctx)),
});
