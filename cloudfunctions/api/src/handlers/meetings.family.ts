import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { familyMeeting } from '../../../core/activities/family';

/** A meeting as the family of an invited child sees it: when, where, what about, and their own sign-in (no other family's). */
export default defineHandler('meetings.family', {
  input: z.object({ meetingId: id('会议ID'), childId: id('儿童ID') }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx, input) => familyMeeting(ctx.db, input.meetingId, ctx.grant.record, ctx.now),
});
