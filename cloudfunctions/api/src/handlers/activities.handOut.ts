import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { editorOf } from '../../../core/archive/store';
import { handOut } from '../../../core/activities/materials';
import { MAX_INVITED } from '../../../core/activities/labels';

/** Materials handed to children present at an activity (书包、文具…), each as material aid in the child's assistance ledger. */
export default defineHandler('activities.handOut', {
  input: z
    .object({
      activityId: id('活动ID'),
      item: text('物资名称', 20),
      quantity: z.number({ error: '数量必须是数字' }).int('数量必须是整数').min(1, '数量至少为 1').max(1000, '数量不合理（最多 1000）'),
      source: z.enum(['school', 'community', 'donor', 'charity', 'government'], { error: '请选择物资来源' }),
      childIds: z.array(id('儿童ID'), { error: '孩子格式不正确' }).min(1, '请选择领到物资的孩子').max(MAX_INVITED, `一次最多 ${MAX_INVITED} 个孩子`),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { activity: 'activityId' }, check: ['schoolWideIsAdmin', 'classStaff'] },
  run: (ctx, input) => handOut(ctx.db, ctx.grant.record, input, { ...editorOf(ctx), label: ctx.grant.binding.label }),
});
