import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { audit, actorOf } from '../../../core/audit';
import { endPairing } from '../../../core/archive/care';

/** End a pairing (default today); ending a mentor pairing revokes the mentor's reach over the child. */
export default defineHandler('care.end', {
  input: z.object({ pairingId: id('结对ID'), endDate: day('结束日期').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { pairing: 'pairingId' } },
  async run(ctx, input) {
    const { record: pairing, ...grant } = ctx.grant;
    await endPairing(ctx.db, input.pairingId, input.endDate, { openid: ctx.openid, role: grant.role, label: grant.binding.label, action: ctx.action, now: ctx.now });
    await audit(ctx.db, { ...actorOf(ctx), role: grant.role }, [{ kind: 'change', schoolId: pairing.schoolId, childId: pairing.childId, fields: [`care.${pairing.kind}`], note: '结束结对' }]);
    return { ended: true as const };
  },
});
