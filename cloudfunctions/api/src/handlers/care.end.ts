import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { endPairing } from '../../../core/archive/care';
import { editorOf } from '../../../core/archive/store';

/** End a pairing (default today); ending a mentor pairing revokes the mentor's reach over the child. Audited. */
export default defineHandler('care.end', {
  input: z.object({ pairingId: id('结对ID'), endDate: day('结束日期').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { pairing: 'pairingId' } },
  async run(ctx, input) {
    await endPairing(ctx.db, input.pairingId, input.endDate, editorOf(ctx));
    return { ended: true as const };
  },
});
