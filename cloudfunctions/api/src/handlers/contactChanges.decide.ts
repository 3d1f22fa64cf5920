import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { editorOf } from '../../../core/archive/store';
import { decideChange } from '../../../core/parent/contact';

/** The class teacher confirms a family's change (written to the contact card, with both in its history) or declines it. */
export default defineHandler('contactChanges.decide', {
  input: z.object({ changeId: id('修改ID'), accept: z.boolean({ error: '请选择确认或不采纳' }), note: text('说明', 100).nullable().optional() }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { contactChange: 'changeId' }, check: 'classStaff' },
  run: (ctx, input) => decideChange(ctx.db, editorOf(ctx), ctx.grant.record, input.accept, input.note ?? null),
});
