import { z } from 'zod';
import type { Child, Community, School } from '../../../../typings/domain';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { ledger, type LedgerScope } from '../../../core/community/assistance/ledger';

const input = z.union([
  z.object({ childId: id('儿童ID') }).strict(),
  z.object({ communityId: id('社区ID') }).strict(),
  z.object({ schoolId: id('学校ID') }).strict(),
]);

/** The ledger of a child, a community or (for the admin) the school: entries, totals per child and in all. */
export default defineHandler('assistance.ledger', {
  input,
  access: {
    roles: ['community', 'township', 'admin', 'teacher'],
    scope: { child: 'childId', community: 'communityId', school: 'schoolId' },
    check: 'schoolScopeIsAdmin',
  },
  run(ctx, input) {
    const record = ctx.grant.record as Child | Community | School;
    const scope: LedgerScope =
      'childId' in input
        ? { kind: 'child', id: input.childId }
        : 'communityId' in input
          ? { kind: 'community', id: input.communityId }
          : { kind: 'school', id: input.schoolId };
    return ledger(ctx.db, { ...scope, name: record.name, schoolId: ctx.grant.target!.schoolId }, actorOf(ctx));
  },
});
