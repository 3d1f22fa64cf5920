import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { exportChunk } from '../../../core/archive/export';

/** The next piece of a large export, for the person who exported it, within the hour. */
export default defineHandler('exports.chunk', {
  input: z
    .object({
      exportId: id('导出ID'),
      seq: z.number({ error: '分片序号必须是数字' }).int().min(1, '分片序号不正确').max(1000, '分片序号不正确'),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { export: 'exportId' }, check: 'madeByCaller' },
  run: (ctx, input) => exportChunk(ctx.db, ctx.grant.record, input.seq, ctx.now),
});
