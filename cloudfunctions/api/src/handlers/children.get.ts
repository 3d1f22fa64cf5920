import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { childDetail } from '../../../core/children';

/**
 * The child detail screen in one call: the archive, the contact card, the care network, consent, and for staff
 * the latest history, completeness and open alerts, each as the caller's role may see it. Every read is audited
 * with the fields returned.
 */
export default defineHandler('children.get', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'community', 'parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx) => childDetail(ctx.db, { ...actorOf(ctx), role: ctx.grant.role }, ctx.grant.record),
});
