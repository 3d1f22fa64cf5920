import { defineHandler } from '../handler';
import { actorOf } from '../../../core/audit';
import { consentInput, recordConsent } from '../../../core/consent';

/**
 * Record a guardian's decision on the privacy notice for one child: a parent/guardian in WeChat, or the
 * class teacher entering a signed paper form (with the signer's name and relation).
 */
export default defineHandler('consent.record', {
  input: consentInput(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  run: (ctx, input) =>
    recordConsent(ctx.db, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label ?? null }, ctx.grant.target!.schoolId, input),
});
