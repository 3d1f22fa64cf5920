import { defineHandler } from '../handler';
import { editorOf } from '../../../core/archive/store';
import { addEntry, assistanceSchema } from '../../../core/community/assistance/entries';

/**
 * One entry of a child's assistance ledger (帮扶台账): relief applied for, a 低保 change, a recurring payment, a
 * payment, material aid or a referral. Amounts in integer 分; recorded once however often the phone sends it.
 */
export default defineHandler('assistance.add', {
  input: assistanceSchema,
  access: { roles: ['community', 'township', 'admin'], scope: { child: 'childId' } },
  run: (ctx, input) => addEntry(ctx.db, ctx.grant.record, input, { ...editorOf(ctx), label: ctx.grant.binding.label }),
});
