import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { EMPTY_CALENDAR, loadCalendar } from '../../../core/familyCalls/calendar';
import { dayLabel } from '../../../core/familyCalls/clock';
import { quarterClock } from '../../../core/familyCalls/input';
import { viewContext } from '../../../core/familyCalls/load';
import { existingLocks } from '../../../core/familyCalls/locks';
import { KIND, notice, recordPage, remind } from '../../../core/familyCalls/notify';
import { findDevice, loadRooms } from '../../../core/familyCalls/rooms';
import { slotProblem } from '../../../core/familyCalls/schedule';
import { CALLS, isLive, locksOfCall, slotFields } from '../../../core/familyCalls/store';
import { callView } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence, MoveRequest } from '../../../../typings/domain';
import type { CallView } from '../../../../typings/actions/familyCalls';

/**
 * A parent or guardian asks to move a call, proposing one to three times. Each proposal is checked now (room open,
 * device hours, device and child free), so the teacher only sees times that can work; the teacher accepts one or
 * declines (familyCalls.answerMove). A new request replaces a pending one.
 */
export default defineHandler('familyCalls.requestMove', {
  input: z
    .object({
      callId: id('通话ID'),
      proposals: z
        .array(z.object({ date: day('建议日期'), time: quarterClock('建议时间') }, { error: '建议时间格式不正确' }).strict(), { error: '请提出建议的时间' })
        .min(1, '请至少提出一个建议的时间')
        .max(3, '最多提出 3 个建议的时间'),
      note: text('说明', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian'], scope: { call: 'callId' }, check: 'invitedToCall' },
  async run(ctx, input): Promise<CallView> {
    const _ = ctx.db.command;
    const { record: call, ...grant } = ctx.grant;
    if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消，不能申请改期');
    if (call.startsAt.getTime() <= ctx.now.getTime()) throw new AppError('CONFLICT', '通话时间已过，不能申请改期');
    const keys = input.proposals.map((p) => `${p.date} ${p.time}`);
    if (new Set(keys).size !== keys.length) throw new AppError('INVALID_INPUT', '建议的时间有重复', [{ path: 'proposals', message: '建议的时间有重复' }]);

    const [rooms, cal] = await Promise.all([loadRooms(ctx.db, call.schoolId), loadCalendar(ctx.db, call.schoolId)]);
    const ref = findDevice(rooms, call.deviceId);
    if (!ref) throw new AppError('CONFLICT', '通话的设备已停用，请联系老师');
    const problems = input.proposals.flatMap((p, i) => {
      if (p.date === call.date && p.time === call.time) return [{ path: `proposals.${i}`, message: '建议的时间与原来相同' }];
      const reason = slotProblem(p.date, p.time, call.minutes, ref.device, cal ?? EMPTY_CALENDAR, ctx.now);
      return reason ? [{ path: `proposals.${i}`, message: `${dayLabel(p.date)} ${p.time}：${reason}` }] : [];
    });
    // Free right now? (the teacher's acceptance checks again, atomically)
    const locks = input.proposals.flatMap((p, i) => locksOfCall({ ...call, ...slotFields({ date: p.date, time: p.time, minutes: call.minutes, deviceId: call.deviceId, roomId: call.roomId }) }).map((l) => ({ ...l, i })));
    const taken = await existingLocks(ctx.db, _, locks.map((l) => l._id));
    for (const t of taken.filter((l) => l.occurrenceId !== call._id)) {
      const i = locks.find((l) => l._id === t._id)!.i;
      const p = input.proposals[i];
      if (!problems.some((x) => x.path === `proposals.${i}`)) problems.push({ path: `proposals.${i}`, message: `${dayLabel(p.date)} ${p.time}：${t.kind === 'device' ? '设备这个时段已被预约' : '孩子这个时段已有其他通话'}` });
    }
    if (problems.length) throw new AppError('INVALID_INPUT', problems[0].message, problems);

    const request: MoveRequest = {
      proposals: input.proposals,
      note: input.note ?? null,
      by: ctx.openid,
      byLabel: grant.binding.label,
      at: ctx.now,
      status: 'pending',
      answeredAt: null,
      answeredBy: null,
      answerNote: null,
    };
    const res = await ctx.db.collection(CALLS).where({ _id: call._id, status: _.in(['scheduled', 'moved', 'confirmed']), startsAt: call.startsAt }).update({ moveRequest: _.set(request), updatedAt: ctx.now });
    if (!res.updated) throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
    const saved: FamilyCallOccurrence = { ...call, moveRequest: request, updatedAt: ctx.now };
    const views = await viewContext(ctx.db, call.schoolId, [saved], ctx.now, { rooms });
    const view = callView(saved, views);
    await remind(
      ctx.db,
      notice(KIND.moveRequest, [{ openid: call.teacherOpenid, role: 'teacher' }], {
        subject: call._id,
        occurrence: ctx.now.toISOString(),
        title: `${grant.binding.label}申请改期`,
        body: `${grant.binding.label}申请把 ${dayLabel(call.date)} ${call.time} 的亲情视频改到：${view.moveRequest!.proposals.map((p) => p.label).join('，或 ')}${request.note ? `（${request.note}）` : ''}。`,
        page: recordPage(call._id),
        time: call.startsAt,
        childName: view.childName,
        schoolId: call.schoolId,
        childId: call.childId,
        now: ctx.now,
      }),
      ctx.now,
    );
    return view;
  },
});
