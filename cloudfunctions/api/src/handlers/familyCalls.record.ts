import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError, invalid } from '../../../core/errors';
import { startOfBeijingWeek } from '../../../core/time';
import { cancelReminders } from '../../../core/reminders';
import { parentBindings, viewContext } from '../../../core/familyCalls/load';
import { bookPage, KIND, notice, remind } from '../../../core/familyCalls/notify';
import { CALLS } from '../../../core/familyCalls/store';
import { callView, MISSED_BY_LABELS } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence } from '../../../../typings/domain';
import type { CallView } from '../../../../typings/actions/familyCalls';

const base = { callId: id('通话ID') };

/**
 * The teacher records how a call went once its time has come: done (how long, who joined, a short note, the
 * child's mood) or missed (by whom, why). A recorded call can be recorded again to correct it. A missed call asks
 * the teacher to rebook within the week; recording it as done later withdraws that prompt.
 */
export default defineHandler('familyCalls.record', {
  input: z.discriminatedUnion(
    'result',
    [
      z
        .object({
          ...base,
          result: z.literal('done'),
          minutes: z.number({ error: '通话时长必须是数字' }).int('通话时长请填整数分钟').min(1, '通话时长至少 1 分钟').max(180, '通话时长最多 180 分钟'),
          joinedBindingIds: z.array(id('参加的家长'), { error: '参加的家长格式不正确' }).max(6, '参加的家长过多'),
          others: text('其他参加的人', 30).nullable().optional(),
          note: text('备注', 200).nullable().optional(),
          mood: z.enum(['happy', 'calm', 'low', 'upset'], { error: '孩子的情绪只能是开心、平静、低落或不安' }).nullable().optional(),
        })
        .strict(),
      z
        .object({
          ...base,
          result: z.literal('missed'),
          by: z.enum(['parent', 'child', 'school', 'network'], { error: '请选择未接通的原因方' }),
          reason: text('原因', 100),
        })
        .strict(),
    ],
    { error: '请选择通话结果（已完成或未接通）' },
  ),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  async run(ctx, input): Promise<CallView> {
    const call = ctx.grant.record;
    if (call.status === 'cancelled') throw new AppError('CONFLICT', '这次通话已取消，不能登记结果');
    if (call.startsAt.getTime() > ctx.now.getTime()) throw new AppError('CONFLICT', '通话还没开始，到时间后再登记结果');

    let patch: Partial<FamilyCallOccurrence>;
    if (input.result === 'done') {
      const parents = await parentBindings(ctx.db, call.childId);
      const joined = [...new Set(input.joinedBindingIds)].map((b) => parents.find((p) => p._id === b));
      if (joined.some((p) => !p)) throw invalid('参加的家长应是这个孩子的家长或监护人', 'joinedBindingIds');
      if (!joined.length && !input.others) throw invalid('请选择参加通话的家长，或填写其他参加的人', 'joinedBindingIds');
      patch = {
        status: 'done',
        outcome: { minutes: input.minutes, joined: joined.map((p) => ({ bindingId: p!._id, label: p!.label })), others: input.others ?? null, note: input.note ?? null, mood: input.mood ?? null },
        missed: null,
      };
    } else {
      patch = { status: 'missed', missed: { by: input.by, reason: input.reason }, outcome: null };
    }
    const _ = ctx.db.command;
    // updatedAt in the condition: two teachers recording at once, the second is told instead of overwriting.
    const res = await ctx.db
      .collection(CALLS)
      .where({ _id: call._id, updatedAt: call.updatedAt })
      .update({ ...patch, outcome: patch.outcome ? _.set(patch.outcome) : null, missed: patch.missed ? _.set(patch.missed) : null, moveRequest: null, recordedAt: ctx.now, recordedBy: ctx.openid, updatedAt: ctx.now });
    if (!res.updated) throw new AppError('CONFLICT', '通话刚刚被修改过，请刷新后重试');
    const saved: FamilyCallOccurrence = { ...call, ...patch, moveRequest: null, recordedAt: ctx.now, recordedBy: ctx.openid, updatedAt: ctx.now };
    const views = await viewContext(ctx.db, call.schoolId, [saved], ctx.now);
    const childName = views.childNames.get(call.childId) ?? '孩子';

    if (input.result === 'missed') {
      // Rebook within the same Beijing week if any of it is left.
      const weekEnd = new Date(startOfBeijingWeek(call.startsAt).getTime() + 7 * 86400000);
      const when = weekEnd.getTime() > ctx.now.getTime() ? '请在本周内补约一次' : '请尽快补约一次';
      const to = [...new Set([call.teacherOpenid, ctx.openid])].map((openid) => ({ openid, role: 'teacher' as const }));
      await remind(
        ctx.db,
        notice(KIND.rebook, to, {
          subject: call._id,
          occurrence: call.startsAt.toISOString(),
          title: `${childName}的亲情视频未接通`,
          body: `${childName}${call.date} ${call.time} 的亲情视频未接通（${MISSED_BY_LABELS[input.by]}：${input.reason}），${when}。`,
          page: bookPage(call.childId, call._id),
          time: call.startsAt,
          childName,
          schoolId: call.schoolId,
          childId: call.childId,
          now: ctx.now,
        }),
        ctx.now,
      );
    } else {
      await cancelReminders(ctx.db, { subjects: [call._id], kinds: [KIND.rebook] }, ctx.now);
    }
    return callView(saved, views);
  },
});
