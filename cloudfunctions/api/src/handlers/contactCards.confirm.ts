import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';
import { docOf, STALE } from '../../../core/archive/store';
import type { ContactCard } from '../../../../typings/domain';

/** 信息更新: the teacher checked the card with the family and nothing changed; it counts as confirmed this month. */
export default defineHandler('contactCards.confirm', {
  input: z.object({ childId: id('儿童ID'), expectedVersion: z.number({ error: '缺少版本号' }).int('版本号不正确').min(0, '版本号不正确') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const ref = ctx.db.collection('contactCards').doc(input.childId);
    const card = docOf<ContactCard>(await ref.get());
    if (!card) throw new AppError('NOT_FOUND', '还没有联系卡，请先填写');
    if (card.version !== input.expectedVersion) throw new AppError('CONFLICT', STALE);
    // Only the confirmation fields change, and only while the card is still at the version the teacher looked at.
    const res = await ctx.db.collection('contactCards').where({ _id: input.childId, version: input.expectedVersion }).update({ confirmedAt: ctx.now, confirmedBy: ctx.openid });
    if (!res.updated) throw new AppError('CONFLICT', STALE);
    await audit(ctx.db, actorOf(ctx), [{ kind: 'change', schoolId: ctx.grant.target!.schoolId, childId: input.childId, fields: ['contactCard.confirmedAt'], note: '确认联系卡信息无变化' }]);
    return { confirmedAt: ctx.now.toISOString() };
  },
});
