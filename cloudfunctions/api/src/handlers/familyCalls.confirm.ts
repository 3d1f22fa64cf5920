import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { viewContext } from '../../../core/familyCalls/load';
import { CALLS } from '../../../core/familyCalls/store';
import { callView } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence } from '../../../../typings/domain';
import type { CallView } from '../../../../typings/actions/familyCalls';

/** A parent or guardian confirms they will take the call (a teacher may record a confirmation given by phone). Twice is fine. */
export default defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { call: 'callId' }, check: 'invitedToCall' },
  async run(ctx): Promise<CallView> {
    const _ = ctx.db.command;
    const call = ctx.grant.record;
    if (call.status === 'confirmed') return callView(call, await viewContext(ctx.db, call.schoolId, [call], ctx.now));
    if (call.status !== 'scheduled' && call.status !== 'moved') throw new AppError('CONFLICT', '这次通话已结束或已取消');
    if (call.startsAt.getTime() <= ctx.now.getTime()) throw new AppError('CONFLICT', '通话时间已过');
    const res = await ctx.db.collection(CALLS).where({ _id: call._id, status: _.in(['scheduled', 'moved']), startsAt: call.startsAt }).update({ status: 'confirmed', confirmedAt: ctx.now, confirmedBy: ctx.openid, updatedAt: ctx.now });
    if (!res.updated) throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后再确认');
    const saved: FamilyCallOccurrence = { ...call, status: 'confirmed', confirmedAt: ctx.now, confirmedBy: ctx.openid, updatedAt: ctx.now };
    return callView(saved, await viewContext(ctx.db, call.schoolId, [saved], ctx.now));
  },
});
