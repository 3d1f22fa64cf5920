import { z } from 'zod';
import { defineHandler } from '../handler';
import { scopeIds } from '../../../core/access';
import { viewContext } from '../../../core/familyCalls/load';
import { loadRooms } from '../../../core/familyCalls/rooms';
import { CALLS, LIVE } from '../../../core/familyCalls/store';
import { availabilityView, callView } from '../../../core/familyCalls/views';
import type { BindingRecord, CallAvailability, FamilyCallOccurrence } from '../../../../typings/domain';
import type { MyChildCalls } from '../../../../typings/actions/familyCalls';

/** A call stays "next" until an hour after it started (the parent may open the page during the call). */
const GRACE_MS = 3600 * 1000;
const HISTORY = 10;

/**
 * The parent's first screen: for each child they are parent or guardian of, the next call in their words
 * ("周三 19:30，还有2天"), the calls after it, the latest calls (history) and the times they said they can take calls.
 * Only their own children's calls: the child ids come from the caller's bindings, never from the input.
 */
export default defineHandler('familyCalls.mine', {
  input: z.object({}).strict(),
  access: { roles: ['parent', 'guardian'], scope: 'own' },
  async run(ctx): Promise<{ children: MyChildCalls[] }> {
    const _ = ctx.db.command;
    const mine = ctx.principal.bindings.filter((b) => (b.role === 'parent' || b.role === 'guardian') && b.childId) as BindingRecord[];
    const childIds = [...new Set([...scopeIds(ctx.principal, 'parent').childIds, ...scopeIds(ctx.principal, 'guardian').childIds])];
    if (!childIds.length) return { children: [] };
    const schoolIds = [...new Set(mine.map((b) => b.schoolId).filter((s): s is string => !!s))];
    const [upcomingRes, pastRes, availRes, childRes, rooms] = await Promise.all([
      ctx.db.collection(CALLS).where({ childId: _.in(childIds), startsAt: _.gt(new Date(ctx.now.getTime() - GRACE_MS)), status: _.in(LIVE) }).orderBy('startsAt', 'asc').limit(100).get(),
      ctx.db.collection(CALLS).where({ childId: _.in(childIds), startsAt: _.lte(ctx.now) }).orderBy('startsAt', 'desc').limit(HISTORY * childIds.length).get(),
      ctx.db.collection('callAvailability').where({ childId: _.in(childIds), openid: ctx.openid }).limit(100).get(),
      ctx.db.collection('children').where({ _id: _.in(childIds), deletedAt: null }).field({ name: true }).limit(100).get(),
      Promise.all(schoolIds.map((s) => loadRooms(ctx.db, s))).then((r) => r.flat()),
    ]);
    const upcoming = upcomingRes.data as FamilyCallOccurrence[];
    const past = (pastRes.data as FamilyCallOccurrence[]).filter((c) => !upcoming.some((u) => u._id === c._id));
    const names = new Map((childRes.data as { _id: string; name: string }[]).map((c) => [c._id, c.name]));
    const views = await viewContext(ctx.db, schoolIds[0] ?? '', [...upcoming, ...past], ctx.now, { rooms, childNames: names });
    const availability = availRes.data as CallAvailability[];
    return {
      children: childIds
        .filter((id) => names.has(id))
        .map((childId) => {
          const next = upcoming.filter((c) => c.childId === childId).map((c) => callView(c, views));
          const binding = mine.find((b) => b.childId === childId)!;
          return {
            childId,
            childName: names.get(childId)!,
            next: next[0] ?? null,
            upcoming: next.slice(1, 6),
            history: past.filter((c) => c.childId === childId).slice(0, HISTORY).map((c) => callView(c, views)),
            availability: availabilityView(binding, availability.find((a) => a.childId === childId) ?? null),
          };
        }),
    };
  },
});
