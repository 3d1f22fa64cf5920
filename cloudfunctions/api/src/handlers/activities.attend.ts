import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { takeAttendance } from '../../../core/activities/activities';
import { ATTENDANCE_STATUSES, MAX_INVITED } from '../../../core/activities/labels';
import { writerOf } from '../../../core/talks/writer';

/** Attendance of an activity, per person (出席、缺席、请假), in one save. */
export default defineHandler('activities.attend', {
  input: z
    .object({
      activityId: id('活动ID'),
      marks: z
        .array(
          z
            .object({ personId: id('参加人员'), status: z.enum(ATTENDANCE_STATUSES, { error: '请选择出席、缺席或请假' }) }, { error: '点名格式不正确' })
            .strict(),
          { error: '点名格式不正确' },
        )
        .min(1, '请至少为一个人点名')
        .max(MAX_INVITED, `一次最多为 ${MAX_INVITED} 人点名`),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { activity: 'activityId' }, check: ['schoolWideIsAdmin', 'classStaff'] },
  run: (ctx, input) => takeAttendance(writerOf(ctx), ctx.grant.record, input.marks),
});
