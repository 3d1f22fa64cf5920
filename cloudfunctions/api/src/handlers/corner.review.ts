import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { decide } from '../../../core/wishes/moderation';
import { COLLECTION } from '../../../core/collections';

const decision = z.enum(['approve', 'reject'], { error: '请选择通过或不通过' });

/** The teacher approves a corner work (the class sees it) or rejects it (a featured one leaves the featured row). */
export default defineHandler('corner.review', {
  input: z.object({ workId: id('作品ID'), decision }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { work: 'workId' } },
  async run(ctx, input) {
    const what = { label: '件作品', childId: null, onReject: { featured: false, featuredAt: null } };
    return { status: await decide(ctx.db, COLLECTION.cornerWorks, ctx.grant.record._id, input.decision, actorOf(ctx), what) };
  },
});
