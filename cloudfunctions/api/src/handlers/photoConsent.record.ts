import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { recordConsent } from '../../../core/consent';
import { PHOTO_CONSENT } from '../../../core/growth/photoConsent';

/** A family's decision on photos in class posts (in WeChat), or a signed paper form entered by a teacher. */
export default defineHandler('photoConsent.record', {
  input: z
    .object({
      childId: id('儿童ID'),
      decision: z.enum(['granted', 'refused'], { error: '请选择同意或不同意' }),
      noticeVersion: text('说明版本', 20),
      method: z.enum(['wechat', 'paper'], { error: '请选择同意方式' }),
      signerName: text('签字人姓名', 20).optional(),
      signerRelation: text('签字人与孩子的关系', 10).optional(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  run: (ctx, input) =>
    recordConsent(ctx.db, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label ?? null }, ctx.grant.record.schoolId, input, PHOTO_CONSENT),
});
