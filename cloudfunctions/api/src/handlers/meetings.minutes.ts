import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { writeMinutes } from '../../../core/activities/meetings';
import { writerOf } from '../../../core/talks/writer';

/** The minutes and decisions of a meeting that has been held. */
export default defineHandler('meetings.minutes', {
  input: z
    .object({
      meetingId: id('会议ID'),
      minutes: text('会议纪要', 3000),
      decisions: z.array(text('决定事项', 100), { error: '决定事项格式不正确' }).max(10, '决定事项最多 10 项'),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { meeting: 'meetingId' }, check: ['schoolWideIsAdmin', 'classStaff'] },
  run: (ctx, input) => writeMinutes(writerOf(ctx), ctx.grant.record, input),
});
