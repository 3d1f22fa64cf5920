import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { clock } from '../../../core/familyCalls/input';
import { logPhoneCall } from '../../../core/familyCalls/phone';

/**
 * 亲情电话: the teacher logs a call the child made (or took) on the class family phone: with whom, when, how long, a
 * note. It counts toward the week's contact like a video call. One log per child, minute and person: the same log
 * twice is refused, 妈妈 and 爸爸 in the same minute are two calls.
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
  run: (ctx, input) => logPhoneCall(ctx, ctx.grant.record, input),
});
