import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { checkIn } from '../../../core/activities/family';
import { writerOf } from '../../../core/talks/writer';

/** A parent or guardian of an invited child signs in themselves on the meeting's day (the school's sign-in of the family, once). */
export default defineHandler('meetings.checkIn', {
  input: z.object({ meetingId: id('会议ID'), childId: id('儿童ID') }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx, input) => checkIn(writerOf(ctx), input.meetingId, ctx.grant.record),
});
