import { z } from 'zod';
import { defineHandler } from '../handler';
import { unreadCount } from '../../../core/reminders/inbox';
import type { WhoAmI } from '../../../../typings/actions/system';

/**
 * Who am I: my OPENID (from the cloud context), the roles I hold with the names of the children they name, and my
 * unread messages: everything the home screen needs, in one call.
 */
export default defineHandler('whoami', {
  input: z.object({}).strict(),
  access: { anyone: true },
  async run(ctx): Promise<WhoAmI> {
    const _ = ctx.db.command;
    const childIds = [...new Set(ctx.principal.bindings.map((b) => b.childId).filter((x): x is string => !!x))];
    const [user, unread, children] = await Promise.all([
      ctx.db.collection('users').doc(ctx.openid).get(),
      unreadCount(ctx.db, ctx.openid, ctx.now),
      childIds.length ? ctx.db.collection('children').where({ _id: _.in(childIds) }).field({ name: true }).limit(1000).get() : Promise.resolve({ data: [] }),
    ]);
    const nickname = (user.data[0] as { nickname?: string } | undefined)?.nickname ?? null;
    const names = new Map((children.data as { _id: string; name: string }[]).map((c) => [c._id, c.name]));
    return {
      openid: ctx.openid,
      nickname,
      local: ctx.local,
      unread,
      bindings: ctx.principal.bindings.map((b) => ({
        id: b._id,
        role: b.role,
        schoolId: b.schoolId ?? null,
        classId: b.classId ?? null,
        childId: b.childId ?? null,
        communityId: b.communityId ?? null,
        label: b.label ?? '',
        childName: b.childId ? (names.get(b.childId) ?? null) : null,
      })),
    };
  },
});
