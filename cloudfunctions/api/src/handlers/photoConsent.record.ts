import { defineHandler } from '../handler';
import { actorOf } from '../../../core/audit';
import { consentInput, recordConsent } from '../../../core/consent';
import { PHOTO_CONSENT } from '../../../core/growth/photoConsent';

/** A family's decision on photos in class posts (in WeChat), or a signed paper form entered by a teacher. */
export default defineHandler('photoConsent.record', {
  input: consentInput('说明版本'),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  run: (ctx, input) =>
    recordConsent(ctx.db, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label ?? null }, ctx.grant.record.schoolId, input, PHOTO_CONSENT),
});
