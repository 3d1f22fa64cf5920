import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { consentView, latestConsent } from '../../../core/consent';

/** Where a child's consent stands (the archive form and the family's privacy screen show it). */
export default defineHandler('consent.get', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  async run(ctx, input) {
    return consentView(input.childId, await latestConsent(ctx.db, input.childId));
  },
});
