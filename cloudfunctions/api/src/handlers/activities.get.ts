import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { activityView } from '../../../core/activities/activities';

/** One activity with everyone invited and how they attended. */
export default defineHandler('activities.get', {
  input: z.object({ activityId: id('活动ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { activity: 'activityId' }, check: 'schoolWideIsAdmin' },
  run: (ctx) => activityView(ctx.db, ctx.grant.record, ctx.now),
});
