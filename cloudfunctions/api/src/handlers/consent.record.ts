import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { recordConsent } from '../../../core/consent';

/**
 * Record a guardian's decision on the privacy notice for one child: a parent/guardian in WeChat, or the
 * class teacher entering a signed paper form (with the signer's name and relation).
 */
export default defineHandler('consent.record', {
  input: z
    .object({
      childId: id('儿童ID'),
      decision: z.enum(['granted', 'refused'], { error: '请选择同意或不同意' }),
      noticeVersion: text('告知书版本', 20),
      method: z.enum(['wechat', 'paper'], { error: '请选择同意方式' }),
      signerName: text('签字人姓名', 20).optional(),
      signerRelation: text('签字人与孩子的关系', 10).optional(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  run: (ctx, input) =>
    recordConsent(ctx.db, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label ?? null }, ctx.grant.target!.schoolId, input),
});
