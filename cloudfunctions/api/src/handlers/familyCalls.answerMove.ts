import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { EMPTY_CALENDAR, loadCalendar } from '../../../core/familyCalls/calendar';
import { dayLabel } from '../../../core/familyCalls/clock';
import { viewContext } from '../../../core/familyCalls/load';
import { KIND, lateDrafts, notice, parentPage, remind, withdrawUpcoming } from '../../../core/familyCalls/notify';
import { findDevice, loadRooms } from '../../../core/familyCalls/rooms';
import { slotProblem } from '../../../core/familyCalls/schedule';
import { CALLS, isLive, moveCalls, slotFields } from '../../../core/familyCalls/store';
import { callView } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence, MoveRequest } from '../../../../typings/domain';
import type { CallView } from '../../../../typings/actions/familyCalls';

/**
 * The teacher answers a parent's request to move a call: accept one of the proposed times (the call moves there
 * and counts as confirmed, since the parent chose it) or decline with a note. The parent is told either way.
 */
export default defineHandler('familyCalls.answerMove', {
  input: z
    .object({
      callId: id('通话ID'),
      accept: z.number({ error: '请选择要接受的时间' }).int('请选择要接受的时间').min(0, '请选择要接受的时间').max(2, '请选择要接受的时间').nullable(),
      note: text('回复', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  async run(ctx, input): Promise<CallView> {
    const _ = ctx.db.command;
    const call = ctx.grant.record;
    const request = call.moveRequest;
    if (!isLive(call) || !request || request.status !== 'pending') throw new AppError('CONFLICT', '没有待处理的改期申请');
    const rooms = await loadRooms(ctx.db, call.schoolId);
    const answered: MoveRequest = { ...request, status: input.accept === null ? 'declined' : 'accepted', answeredAt: ctx.now, answeredBy: ctx.openid, answerNote: input.note ?? null };

    let saved: FamilyCallOccurrence;
    if (input.accept === null) {
      const res = await ctx.db.collection(CALLS).where({ _id: call._id, updatedAt: call.updatedAt }).update({ moveRequest: _.set(answered), updatedAt: ctx.now });
      if (!res.updated) throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
      saved = { ...call, moveRequest: answered, updatedAt: ctx.now };
    } else {
      const proposal = request.proposals[input.accept];
      if (!proposal) throw new AppError('INVALID_INPUT', '没有这个建议的时间', [{ path: 'accept', message: '没有这个建议的时间' }]);
      const ref = findDevice(rooms, call.deviceId);
      if (!ref || !ref.device.active) throw new AppError('CONFLICT', '通话的设备已停用，请改用其他设备');
      const to = { date: proposal.date, time: proposal.time, minutes: call.minutes, deviceId: call.deviceId, roomId: call.roomId };
      const reason = slotProblem(to.date, to.time, to.minutes, ref.device, (await loadCalendar(ctx.db, call.schoolId)) ?? EMPTY_CALENDAR, ctx.now);
      const movedFrom = { date: call.date, time: call.time, deviceId: call.deviceId, at: ctx.now, by: ctx.openid };
      await moveCalls(
        ctx.db,
        [{ call, to, patch: { status: 'confirmed', confirmedAt: ctx.now, confirmedBy: request.by, movedFrom: _.set(movedFrom), moveRequest: _.set(answered) } }],
        reason ? [{ date: to.date, reason }] : [],
        (deviceId) => findDevice(rooms, deviceId)?.device.name ?? '设备',
        ctx.now,
      );
      await withdrawUpcoming(ctx.db, [call._id], ctx.now);
      saved = { ...call, ...slotFields(to), status: 'confirmed', confirmedAt: ctx.now, confirmedBy: request.by, movedFrom, moveRequest: answered, updatedAt: ctx.now };
    }

    const views = await viewContext(ctx.db, call.schoolId, [saved], ctx.now, { rooms });
    const view = callView(saved, views);
    const parent = await ctx.db.collection('bindings').where({ openid: request.by, childId: call.childId, revokedAt: null }).limit(1).get();
    const role = (parent.data[0] as { role?: 'parent' | 'guardian' } | undefined)?.role;
    if (role) {
      const body =
        input.accept === null
          ? `老师没能把 ${dayLabel(call.date)} ${call.time} 的亲情视频改到您建议的时间${input.note ? `：${input.note}` : ''}。原时间不变。`
          : `老师已同意，亲情视频改到 ${view.when}${input.note ? `（${input.note}）` : ''}。`;
      const recipient = [{ openid: request.by, role }];
      await remind(
        ctx.db,
        [
          ...notice(KIND.moveAnswer, recipient, { subject: call._id, occurrence: request.at.toISOString(), title: input.accept === null ? '改期申请未通过' : '改期申请已同意', body, page: parentPage(call._id), time: saved.startsAt, childName: view.childName, schoolId: call.schoolId, childId: call.childId, now: ctx.now }),
          ...(input.accept === null ? [] : lateDrafts([saved], recipient, view.childName, ctx.now)),
        ],
        ctx.now,
      );
    }
    return view;
  },
});
