import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { draftSummary } from '../../../core/talks/summary';

/**
 * The end-of-term summary's draft, from the term's real records: talks, family video and phone calls, exam scores,
 * plan reviews and the help records; with the summary as saved, for the teacher to edit. Audited.
 */
export default defineHandler('helpPlans.draftSummary', {
  input: z.object({ planId: id('帮扶计划ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { helpPlan: 'planId' } },
  run: (ctx) => draftSummary(ctx.db, ctx.grant.record, actorOf(ctx)),
});
