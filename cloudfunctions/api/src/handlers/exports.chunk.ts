import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { docOf } from '../../../core/archive/store';

/** The next piece of a large export, for the person who exported it, within the hour. */
export default defineHandler({
  action: 'exports.chunk',
  input: z.object({ exportId: id('导出ID'), seq: z.number({ error: '分片序号必须是数字' }).int().min(1, '分片序号不正确').max(1000, '分片序号不正确') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: 'none' },
  async run(ctx, input) {
    const chunk = docOf<{ createdBy: string; expiresAt: Date; data: string; seq: number }>(await ctx.db.collection('exportChunks').doc(`${input.exportId}-${input.seq}`).get());
    if (!chunk || chunk.createdBy !== ctx.openid) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
    if (chunk.expiresAt.getTime() < ctx.now.getTime()) throw new AppError('EXPIRED', '导出文件已过期，请重新导出');
    return { seq: chunk.seq, data: chunk.data };
  },
});
