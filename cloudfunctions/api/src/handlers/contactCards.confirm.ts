import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { confirmCard, editorOf } from '../../../core/archive/store';

/** 信息更新: the teacher checked the card with the family and nothing changed; it counts as confirmed this month. */
export default defineHandler('contactCards.confirm', {
  input: z.object({ childId: id('儿童ID'), expectedVersion: z.number({ error: '缺少版本号' }).int('版本号不正确').min(0, '版本号不正确') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => confirmCard(ctx.db, ctx.grant.record, input.expectedVersion, editorOf(ctx)),
});
