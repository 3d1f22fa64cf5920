import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { consentView } from '../../../core/consent';
import { latestPhotoConsent, PHOTO_NOTICE } from '../../../core/growth/photoConsent';

/** Whether a child may appear (photo or name) in class posts, with the notice the family decides on. */
export default defineHandler('photoConsent.get', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  async run(ctx, input) {
    return { notice: PHOTO_NOTICE, consent: consentView(input.childId, await latestPhotoConsent(ctx.db, input.childId)), childName: ctx.grant.record.name };
  },
});
