import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { previewUpload } from '../../../core/archive/importer';

/** Every row of the uploaded sheet judged: which are invalid and why, what would be stored. Writes nothing. */
export default defineHandler('imports.preview', {
  input: z.object({ uploadId: id('上传ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { upload: 'uploadId' }, check: ['madeByCaller', 'schoolWideIsAdmin'] },
  run: (ctx) => previewUpload(ctx.db, ctx.grant.record, ctx.now),
});
