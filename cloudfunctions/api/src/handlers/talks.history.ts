import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { olderTalks } from '../../../core/talks/child';
import { viewerOf } from '../../../core/talks/writer';

/** Older talks of a child, before the last one shown (`before` = its date|id), newest first. Audited. */
export default defineHandler('talks.history', {
  input: z.object({ childId: id('儿童ID'), before: text('翻页位置', 100) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => olderTalks(ctx.db, ctx.grant.record, input.before, viewerOf(ctx)),
});
