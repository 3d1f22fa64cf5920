import { z } from 'zod';
import { defineHandler } from '../handler';
import { COLLECTION } from '../../../core/collections';
import type { ExportChunk } from '../../../core/scopes';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { docOf } from '../../../core/archive/store';

/** The next piece of a large export, for the person who exported it, within the hour. */
export default defineHandler('exports.chunk', {
  input: z.object({ exportId: id('导出ID'), seq: z.number({ error: '分片序号必须是数字' }).int().min(1, '分片序号不正确').max(1000, '分片序号不正确') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { export: 'exportId' }, check: 'madeByCaller' },
  async run(ctx, input) {
    const first = ctx.grant.record;
    const chunk = input.seq === first.seq ? first : docOf<ExportChunk>(await ctx.db.collection(COLLECTION.exportChunks).doc(`${input.exportId}-${input.seq}`).get());
    if (!chunk) throw new AppError('NOT_FOUND', '没有这一段导出内容');
    if (chunk.expiresAt.getTime() < ctx.now.getTime()) throw new AppError('EXPIRED', '导出文件已过期，请重新导出');
    return { seq: chunk.seq, data: chunk.data };
  },
});
