import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { parentBindings, viewContext } from '../../../core/familyCalls/load';
import { providerFor } from '../../../core/familyCalls/provider';
import { findDevice } from '../../../core/familyCalls/rooms';
import { CALLS, isLive, LIVE } from '../../../core/familyCalls/store';
import { callView, deviceView } from '../../../core/familyCalls/views';
import type { CallDetail } from '../../../../typings/actions/familyCalls';

/**
 * One call: for the teacher's record/move screen (with the devices to move to and how many calls follow it in the
 * series) and for the parent's detail (confirm, ask to move); with how the call is made (CallProvider).
 */
export default defineHandler('familyCalls.get', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian'], scope: { call: 'callId' } },
  async run(ctx): Promise<CallDetail> {
    const _ = ctx.db.command;
    const { record: call, ...grant } = ctx.grant;
    const staff = grant.role === 'admin' || grant.role === 'teacher';
    const [views, parents, following] = await Promise.all([
      viewContext(ctx.db, call.schoolId, [call], ctx.now),
      parentBindings(ctx.db, call.childId),
      staff ? ctx.db.collection(CALLS).where({ seriesId: call.seriesId, _id: _.gt(call._id), status: _.in(LIVE) }).count() : Promise.resolve({ total: 0 }),
    ]);
    const ref = findDevice(views.rooms, call.deviceId);
    const join = providerFor(ctx.setting).joinInfo(call, {
      device: ref?.device ?? null,
      parents: parents.filter((p) => call.parentBindingIds.includes(p._id)),
      childName: views.childNames.get(call.childId) ?? '孩子',
      side: staff ? 'teacher' : 'parent',
    });
    return {
      call: callView(call, views),
      viewAs: grant.role as CallDetail['viewAs'],
      canManage: staff && isLive(call),
      join,
      following: following.total ?? 0,
      devices: staff ? views.rooms.flatMap((r) => r.devices.filter((d) => d.active).map((d) => deviceView(r, d))) : [],
    };
  },
});
