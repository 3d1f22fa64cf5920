import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { signIn } from '../../../core/activities/meetings';
import { ATTENDANCE_STATUSES, MAX_INVITED } from '../../../core/activities/labels';
import { writerOf } from '../../../core/talks/writer';

/** The families' sign-in at a meeting (出席、缺席、请假), in one save: the families present count toward 家长家教知识普及率. */
export default defineHandler('meetings.signIn', {
  input: z
    .object({
      meetingId: id('会议ID'),
      marks: z
        .array(
          z.object({ childId: id('儿童ID'), status: z.enum(ATTENDANCE_STATUSES, { error: '请选择出席、缺席或请假' }) }, { error: '签到格式不正确' }).strict(),
          { error: '签到格式不正确' },
        )
        .min(1, '请至少为一个家庭签到')
        .max(MAX_INVITED, `一次最多为 ${MAX_INVITED} 个家庭签到`),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { meeting: 'meetingId' }, check: ['schoolWideIsAdmin', 'classStaff'] },
  run: (ctx, input) => signIn(writerOf(ctx), ctx.grant.record, input.marks),
});
