import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { beijingWeekKey, fromBeijing } from '../../../core/time';
import { clock } from '../../../core/familyCalls/input';
import { phoneCallView } from '../../../core/familyCalls/views';
import type { PhoneCallRecord } from '../../../../typings/domain';
import type { PhoneCallView } from '../../../../typings/actions/familyCalls';

/** How far back a call may be logged. */
const MAX_AGE_DAYS = 31;

/**
 * 亲情电话: the teacher logs a call the child made (or took) on the class family phone: with whom, when, how long, a
 * note. It counts toward the week's contact like a video call. One log per child and minute: the same log twice is
 * refused.
 */
export default defineHandler('phoneCalls.log', {
  input: z
    .object({
      childId: id('儿童ID'),
      date: day('通话日期'),
      time: clock('通话时间'),
      minutes: z.number({ error: '通话时长必须是数字' }).int('通话时长请填整数分钟').min(1, '通话时长至少 1 分钟').max(180, '通话时长最多 180 分钟'),
      who: text('通话对象', 20),
      note: text('备注', 200).nullable().optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input): Promise<PhoneCallView> {
    const child = ctx.grant.record;
    const at = fromBeijing(`${input.date} ${input.time}`);
    if (at.getTime() > ctx.now.getTime()) throw new AppError('INVALID_INPUT', '通话时间不能晚于现在', [{ path: 'time', message: '通话时间不能晚于现在' }]);
    if (at.getTime() < ctx.now.getTime() - MAX_AGE_DAYS * 86400000) throw new AppError('INVALID_INPUT', `只能登记 ${MAX_AGE_DAYS} 天内的通话`, [{ path: 'date', message: `只能登记 ${MAX_AGE_DAYS} 天内的通话` }]);
    const record: PhoneCallRecord = {
      _id: `pc_${child._id}_${input.date.replace(/-/g, '')}${input.time.replace(':', '')}`,
      schoolId: child.schoolId,
      classId: child.classId,
      childId: child._id,
      at,
      weekKey: beijingWeekKey(at),
      minutes: input.minutes,
      who: input.who,
      note: input.note ?? null,
      recordedBy: ctx.openid,
      createdAt: ctx.now,
    };
    try {
      await ctx.db.collection('phoneCalls').add(record);
    } catch (err) {
      if ((err as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE') throw new AppError('CONFLICT', '这次通话已经登记过了');
      throw err;
    }
    return phoneCallView(record, new Map([[child._id, child.name]]));
  },
});
