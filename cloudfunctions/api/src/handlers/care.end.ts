import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { grantFor } from '../../../core/access';
import { audit, actorOf } from '../../../core/audit';
import { docOf } from '../../../core/archive/store';
import { endPairing } from '../../../core/archive/care';
import type { Pairing } from '../../../../typings/domain';

/** End a pairing (default today); ending a mentor pairing revokes the mentor's reach over the child. */
export default defineHandler({
  action: 'care.end',
  input: z.object({ pairingId: id('结对ID'), endDate: day('结束日期').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: 'none' },
  async run(ctx, input) {
    const pairing = docOf<Pairing>(await ctx.db.collection('pairings').doc(input.pairingId).get());
    if (!pairing) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
    const grant = grantFor(ctx.principal, ['admin', 'teacher'], { schoolId: pairing.schoolId, classId: pairing.classId, childId: pairing.childId, communityId: null });
    await endPairing(ctx.db, input.pairingId, input.endDate, { openid: ctx.openid, role: grant.role, label: grant.binding.label, action: ctx.action, now: ctx.now });
    await audit(ctx.db, { ...actorOf(ctx), role: grant.role }, [{ kind: 'change', schoolId: pairing.schoolId, childId: pairing.childId, fields: [`care.${pairing.kind}`], note: '结束结对' }]);
    return { ended: true as const };
  },
});
