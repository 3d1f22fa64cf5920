import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { dayLabel } from '../../../core/familyCalls/clock';
import { parentBindings } from '../../../core/familyCalls/load';
import { KIND, notice, parentPage, parentsOf, remind, withdrawUpcoming } from '../../../core/familyCalls/notify';
import { cancelCalls, isLive, thisAndFollowing } from '../../../core/familyCalls/store';

/**
 * Cancel a call, or this and every following call of its series. Their time slots are freed, the reminders not yet
 * sent are withdrawn (outbox cancelled, inbox entries removed), and the parents are told once.
 */
export default defineHandler('familyCalls.cancel', {
  input: z
    .object({
      callId: id('通话ID'),
      scope: z.enum(['one', 'following'], { error: '请选择只取消这一次，还是这次及以后' }),
      reason: text('取消原因', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  async run(ctx, input) {
    const call = ctx.grant.record;
    if (!isLive(call)) throw new AppError('CONFLICT', '这次通话已结束或已取消');
    const calls = input.scope === 'one' ? [call] : await thisAndFollowing(ctx.db, call);
    const cancelled = await cancelCalls(ctx.db, calls, input.reason ?? null, ctx.openid, ctx.now);
    if (!cancelled.length) throw new AppError('CONFLICT', '这次通话已结束或已取消');
    await withdrawUpcoming(ctx.db, cancelled, ctx.now);

    const [parents, childRes] = await Promise.all([parentBindings(ctx.db, call.childId), ctx.db.collection('children').doc(call.childId).field({ name: true }).get()]);
    const childName = (childRes.data[0] as { name?: string } | undefined)?.name ?? '孩子';
    const to = parentsOf(call, new Map(parents.map((p) => [p._id, p])));
    const why = input.reason ? `（${input.reason}）` : '';
    const body =
      cancelled.length === 1
        ? `${childName} ${dayLabel(call.date)} ${call.time} 的亲情视频已取消${why}。`
        : `${childName}从 ${dayLabel(call.date)} 起的每周亲情视频已取消，共 ${cancelled.length} 次${why}。`;
    // Only calls still ahead are news to the parents.
    if (call.startsAt.getTime() > ctx.now.getTime()) {
      await remind(
        ctx.db,
        notice(KIND.cancelled, to, { subject: call._id, occurrence: `${input.scope}|${call.startsAt.toISOString()}`, title: '亲情视频已取消', body, page: parentPage(call._id), time: call.startsAt, childName, schoolId: call.schoolId, childId: call.childId, now: ctx.now }),
        ctx.now,
      );
    }
    return { cancelled: cancelled.length };
  },
});
