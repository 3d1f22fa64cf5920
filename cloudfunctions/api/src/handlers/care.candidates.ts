import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { pairingCandidates } from '../../../core/archive/care';

/**
 * Who can be paired with a child (the pairing screen in one call): the school's teachers as mentors, and the
 * child's classmates as hand-in-hand buddies (only for those who reach the class, not for a mentor of this child).
 */
export default defineHandler('care.candidates', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx) => pairingCandidates(ctx.db, ctx.principal, ctx.grant.record),
});
