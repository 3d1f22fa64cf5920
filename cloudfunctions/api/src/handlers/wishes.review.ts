import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { decide } from '../../../core/wishes/moderation';
import { COLLECTION } from '../../../core/collections';

const decision = z.enum(['approve', 'reject'], { error: '请选择通过或不通过' });

/** The teacher approves a card (the child and family see it) or rejects it (only its sender does); also takes one down. */
export default defineHandler('wishes.review', {
  input: z.object({ wishId: id('贺卡ID'), decision }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { wish: 'wishId' } },
  async run(ctx, input) {
    const card = ctx.grant.record;
    return { status: await decide(ctx.db, COLLECTION.wishes, card._id, input.decision, actorOf(ctx), { label: '张贺卡', childId: card.childId }) };
  },
});
