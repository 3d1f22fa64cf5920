import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';
import { commitImport, judgeUpload, openBatch, loadFile, removeChunks } from '../../../core/archive/importer';

/**
 * Import the previewed sheet: all rows or none. The rows are judged again (the school may have changed since the
 * preview); any invalid row refuses the whole import. Everything is written in one transaction.
 */
export default defineHandler('imports.commit', {
  input: z.object({ uploadId: id('上传ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { upload: 'uploadId' }, check: ['madeByCaller', 'schoolWideIsAdmin'] },
  async run(ctx) {
    const batch = openBatch(ctx.grant.record, ctx.now);
    const grant = ctx.grant;
    if (batch.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
    const judgement = await judgeUpload(ctx.db, batch, await loadFile(ctx.db, batch));
    if (judgement.problems.length) {
      throw new AppError(
        'INVALID_INPUT',
        `有 ${judgement.problems.length} 行有误，未导入任何数据。请修改后重新上传`,
        judgement.problems.slice(0, 50).map((p) => ({ path: `row ${p.row}`, message: p.errors.join('；') })),
      );
    }
    const result = await commitImport(ctx.db, batch, judgement.records, { openid: ctx.openid, role: grant.role, label: grant.binding.label, action: ctx.action, now: ctx.now });
    await audit(
      ctx.db,
      { ...actorOf(ctx), role: grant.role },
      result.childIds.map((childId) => ({ kind: 'change' as const, schoolId: batch.schoolId, childId, fields: ['import'], note: `导入花名册：${batch.fileName}` })),
    );
    await removeChunks(ctx.db, batch._id);
    return { created: result.created, consents: result.consents, cards: result.cards, alerts: result.alerts };
  },
});
