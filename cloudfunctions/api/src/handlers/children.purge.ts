import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { purgeChild } from '../../../core/children';

/**
 * Admin deletes a child's data everywhere when they leave school. The admin types the child's name to confirm.
 * Their photos leave cloud storage too. Only the audit entries remain (they hold ids and field names, not the data), plus one entry for the deletion.
 */
export default defineHandler('children.purge', {
  input: z.object({ childId: id('儿童ID'), confirmName: text('儿童姓名', 20) }).strict(),
  access: { roles: ['admin'], scope: { child: 'childId' } },
  run: (ctx, input) => purgeChild(ctx.app, actorOf(ctx), ctx.grant.record, input.confirmName),
});
