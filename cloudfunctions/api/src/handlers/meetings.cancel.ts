import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { cancelMeeting } from '../../../core/activities/meetings';
import { writerOf } from '../../../core/talks/writer';

/** A meeting that will not take place, with the reason the invited families are told. */
export default defineHandler('meetings.cancel', {
  input: z.object({ meetingId: id('会议ID'), reason: text('取消原因', 50) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { meeting: 'meetingId' }, check: ['schoolWideIsAdmin', 'classStaff'] },
  run: (ctx, input) => cancelMeeting(writerOf(ctx), ctx.grant.record, input.reason),
});
