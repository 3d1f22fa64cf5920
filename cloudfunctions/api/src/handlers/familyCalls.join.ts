import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { parentBindings } from '../../../core/familyCalls/load';
import { providerFor } from '../../../core/familyCalls/provider';
import { findDevice, loadRooms } from '../../../core/familyCalls/rooms';
import { CALLS, isLive } from '../../../core/familyCalls/store';
import type { JoinInfo } from '../../../../typings/actions/familyCalls';

/** Check-in opens 30 minutes before the call and closes an hour after its end. */
const EARLY_MS = 30 * 60000;
const LATE_MS = 60 * 60000;

/**
 * Start the call: how to make it (in-app VoIP where the account qualifies, else steps for a WeChat video call
 * from the room's device). For the teacher it also records the check-in time (first one counts).
 */
export default defineHandler('familyCalls.join', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian'], scope: { call: 'callId' }, check: 'invitedToCall' },
  async run(ctx): Promise<JoinInfo> {
    const { record: call, ...grant } = ctx.grant;
    if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消');
    const staff = grant.role === 'admin' || grant.role === 'teacher';
    const now = ctx.now.getTime();
    if (staff && (now < call.startsAt.getTime() - EARLY_MS || now > call.endsAt.getTime() + LATE_MS)) {
      throw new AppError('CONFLICT', '不在通话时间内：可在开始前 30 分钟到结束后 1 小时内签到');
    }
    const [rooms, parents, childRes] = await Promise.all([
      loadRooms(ctx.db, call.schoolId),
      parentBindings(ctx.db, call.childId),
      ctx.db.collection('children').doc(call.childId).field({ name: true }).get(),
    ]);
    if (staff && !call.checkedInAt) await ctx.db.collection(CALLS).where({ _id: call._id, checkedInAt: null }).update({ checkedInAt: ctx.now });
    return providerFor(ctx.setting).joinInfo(call, {
      device: findDevice(rooms, call.deviceId)?.device ?? null,
      parents: parents.filter((p) => call.parentBindingIds.includes(p._id)),
      childName: (childRes.data[0] as { name?: string } | undefined)?.name ?? '孩子',
      side: staff ? 'teacher' : 'parent',
    });
  },
});
