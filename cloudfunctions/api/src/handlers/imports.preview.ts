import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { grantFor } from '../../../core/access';
import { judgeUpload, loadBatch, loadFile, previewOf } from '../../../core/archive/importer';

/** Every row of the uploaded sheet judged: which are invalid and why, what would be stored. Writes nothing. */
export default defineHandler({
  action: 'imports.preview',
  input: z.object({ uploadId: id('上传ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: 'none' },
  async run(ctx, input) {
    const batch = await loadBatch(ctx.db, input.uploadId, ctx.openid, ctx.now);
    grantFor(ctx.principal, batch.classId ? ['admin', 'teacher'] : ['admin'], { schoolId: batch.schoolId, classId: batch.classId, childId: null, communityId: null });
    const judgement = await judgeUpload(ctx.db, batch, await loadFile(ctx.db, batch));
    return previewOf(batch, judgement);
  },
});
