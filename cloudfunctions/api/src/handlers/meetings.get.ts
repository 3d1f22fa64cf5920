import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { meetingView } from '../../../core/activities/meetings';

/** A parent meeting or symposium: the families invited and their sign-in, the minutes and decisions. */
export default defineHandler('meetings.get', {
  input: z.object({ meetingId: id('会议ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { meeting: 'meetingId' }, check: 'schoolWideIsAdmin' },
  run: (ctx) => meetingView(ctx.db, ctx.grant.record, ctx.now),
});
