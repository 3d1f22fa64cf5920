import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { judgeUpload, openBatch, loadFile, previewOf } from '../../../core/archive/importer';

/** Every row of the uploaded sheet judged: which are invalid and why, what would be stored. Writes nothing. */
export default defineHandler('imports.preview', {
  input: z.object({ uploadId: id('上传ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { upload: 'uploadId' }, check: ['madeByCaller', 'schoolWideIsAdmin'] },
  async run(ctx) {
    const batch = openBatch(ctx.grant.record, ctx.now);
    const judgement = await judgeUpload(ctx.db, batch, await loadFile(ctx.db, batch));
    return previewOf(batch, judgement);
  },
});
