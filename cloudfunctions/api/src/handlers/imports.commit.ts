import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { importUpload } from '../../../core/archive/importer';
import { editorOf } from '../../../core/archive/store';

/**
 * Import the previewed sheet: all rows or none. The rows are judged again (the school may have changed since the
 * preview); any invalid row refuses the whole import. Everything, audit entries included, is written in one
 * transaction.
 */
export default defineHandler('imports.commit', {
  input: z.object({ uploadId: id('上传ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { upload: 'uploadId' }, check: ['madeByCaller', 'schoolWideIsAdmin'] },
  run: (ctx) => importUpload(ctx.db, ctx.grant.record, editorOf(ctx)),
});
