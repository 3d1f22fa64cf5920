import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { childFile } from '../../../core/talks/child';
import { viewerOf } from '../../../core/talks/writer';

/**
 * A child's care file in one call (staff only): this month's talk status, the latest talks, open follow-ups, the
 * individual plan a concern calls for, the plans, this term's help plan, diary and counselling notes, and the urgent
 * alerts the caller may see. Audited.
 */
export default defineHandler('talks.child', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx) => childFile(ctx.db, ctx.grant.record, viewerOf(ctx), ctx.now),
});
