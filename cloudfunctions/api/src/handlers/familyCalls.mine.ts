import { z } from 'zod';
import { defineHandler } from '../handler';
import { myCalls } from '../../../core/familyCalls/screens';

/**
 * The parent's first screen: for each child they are parent or guardian of, the next call in their words
 * ("周三 19:30，还有2天"), the calls after it, the latest calls (history) and the times they said they can take calls.
 * Only their own children's calls: the child ids come from the caller's bindings, never from the input.
 */
export default defineHandler('familyCalls.mine', {
  input: z.object({}).strict(),
  access: { roles: ['parent', 'guardian'], scope: 'own' },
  run: (ctx) => myCalls(ctx, ctx.principal),
});
