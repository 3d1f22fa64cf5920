import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { archiveChangesSchema } from '../../../core/archive/rules';
import { editorOf, updateArchive } from '../../../core/archive/store';

/**
 * Change archive fields (guardian consent required). The edit names the version it started from; a stale version
 * is a CONFLICT, so two people editing at once never overwrite each other silently. Every change is versioned with
 * a field-level diff (archiveHistory) and audited.
 */
export default defineHandler('archive.update', {
  input: z
    .object({
      childId: id('儿童ID'),
      expectedVersion: z.number({ error: '缺少版本号' }).int('版本号不正确').min(0, '版本号不正确'),
      changes: archiveChangesSchema,
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => updateArchive(ctx.db, input.childId, input.expectedVersion, input.changes, editorOf(ctx)),
});
