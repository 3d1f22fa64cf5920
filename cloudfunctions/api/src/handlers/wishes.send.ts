import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { sendCard } from '../../../core/wishes/cards';
import { cardDesign, kindText } from '../../../core/wishes/rules';
import { CARD_MAX_CHARS } from '../../../core/wishes/labels';

/**
 * Send a birthday card to a child of the class: a design and up to 100 字 of kind words, checked by WeChat's content
 * security (risky: refused, nothing stored; flagged, or a class that wants to see every card: waits for the teacher).
 * One card per sender and birthday.
 */
export default defineHandler('wishes.send', {
  input: z.object({ childId: id('儿童ID'), design: cardDesign, text: kindText('祝福的话', CARD_MAX_CHARS) }).strict(),
  access: { roles: ['admin', 'teacher', 'student'], scope: { child: 'childId' } },
  run: (ctx, input) => sendCard(ctx, ctx.grant, input, actorOf(ctx)),
});
