import { z } from 'zod';
import type { Community, School } from '../../../../typings/domain';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportLedger } from '../../../core/community/assistance/export';

const input = z.union([z.object({ communityId: id('社区ID') }).strict(), z.object({ schoolId: id('学校ID') }).strict()]);

/** The ledger of a community or (for the admin) the school as xlsx (amounts in 元); every child in it is audited. */
export default defineHandler('assistance.export', {
  input,
  access: { roles: ['community', 'township', 'admin'], scope: { community: 'communityId', school: 'schoolId' }, check: 'schoolScopeIsAdmin' },
  run(ctx, input) {
    const record = ctx.grant.record as Community | School;
    const scope = 'communityId' in input ? { key: 'communityId' as const, id: input.communityId } : { key: 'schoolId' as const, id: input.schoolId };
    return exportLedger(ctx.db, { ...scope, name: record.name, schoolId: ctx.grant.target!.schoolId }, actorOf(ctx));
  },
});
