import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportFamily } from '../../../core/parent/export';

/** The family's posts and messages as a spreadsheet, to keep. */
export default defineHandler('parent.export', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx) => exportFamily(ctx.db, actorOf(ctx), ctx.grant.record),
});
