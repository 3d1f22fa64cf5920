import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, phone, text } from '../../../core/validate';
import { editorOf } from '../../../core/archive/store';
import { proposeChange } from '../../../core/parent/contact';

const field = (what: string, max: number) => text(what, max).nullable().optional();

/** A parent or guardian asks to change their own entry on the contact card; it waits for the class teacher. */
export default defineHandler('contactChanges.propose', {
  input: z
    .object({
      childId: id('儿童ID'),
      entry: z.union([z.number().int().min(0).max(3), z.literal('guardian')], { error: '请选择联系卡上您自己的那一栏' }),
      changes: z
        .object({
          phone: phone('电话').nullable().optional(),
          workCity: field('务工城市', 30),
          workUnit: field('务工单位', 50),
          workAddress: field('务工地址', 100),
          address: field('家庭住址', 100),
        })
        .strict(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx, input) =>
    proposeChange(ctx.db, { ...editorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label }, ctx.grant.record, input.entry, input.changes),
});
