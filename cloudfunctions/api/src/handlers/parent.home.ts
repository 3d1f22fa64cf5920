import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { parentHome } from '../../../core/parent/home';

/**
 * The parent home in one call: for one of the caller's children (default: the first), the latest posts, the next
 * family call, study progress the teacher shares, the care network's names, what to do, the family's contact entry.
 */
export default defineHandler('parent.home', {
  input: z.object({ childId: id('儿童ID').optional() }).strict(),
  access: { roles: ['parent', 'guardian'], scope: 'own' },
  run: (ctx, input) => parentHome(ctx, input.childId),
});
