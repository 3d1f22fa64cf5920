import { defineHandler } from '../handler';
import { editorOf } from '../../../core/archive/store';
import { updateEntry, updateSchema } from '../../../core/community/assistance/entries';

/** A relief application is approved, paid or refused; a recurring payment stops after a month. Audited with it. */
export default defineHandler('assistance.update', {
  input: updateSchema,
  access: { roles: ['community', 'township', 'admin'], scope: { assistance: 'entryId' } },
  run: (ctx, input) => updateEntry(ctx.db, input.entryId, input, editorOf(ctx)),
});
