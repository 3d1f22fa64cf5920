import { z } from 'zod';
import { defineHandler } from '../handler';
import type { WhoAmI } from '../../../../typings/actions/system';

/** Who am I: my OPENID (from the cloud context) and the roles I hold. */
export default defineHandler({
  action: 'whoami',
  input: z.object({}).strict(),
  access: { anyone: true },
  async run(ctx): Promise<WhoAmI> {
    const user = await ctx.db.collection('users').doc(ctx.openid).get();
    const nickname = (user.data[0] as { nickname?: string } | undefined)?.nickname ?? null;
    return {
      openid: ctx.openid,
      nickname,
      local: ctx.local,
      bindings: ctx.principal.bindings.map((b) => ({
        id: b._id,
        role: b.role,
        schoolId: b.schoolId ?? null,
        classId: b.classId ?? null,
        childId: b.childId ?? null,
        communityId: b.communityId ?? null,
        label: b.label ?? '',
      })),
    };
  },
});
