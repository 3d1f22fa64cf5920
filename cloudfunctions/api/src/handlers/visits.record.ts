import { defineHandler } from '../handler';
import { editorOf } from '../../../core/archive/store';
import { recordVisit, visitSchema } from '../../../core/community/visits';

/**
 * A home visit (入户走访) of a child of the caller's community, stored once however often the phone sends it (its
 * id is made on the phone). A situation change raises an alert, delivered to the people around the child.
 */
export default defineHandler('visits.record', {
  input: visitSchema,
  access: { roles: ['community', 'township'], scope: { child: 'childId' } },
  run: (ctx, input) => recordVisit(ctx.db, ctx.grant.record, input, { ...editorOf(ctx), label: ctx.grant.binding.label }),
});
