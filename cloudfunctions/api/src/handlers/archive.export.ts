import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';
import { buildExport, loadExportData } from '../../../core/archive/export';
import { newId } from '../../../core/archive/care';
import { CHUNK_CHARS, UPLOAD_TTL_MS } from '../../../core/archive/importer';
import type { ExportOutput } from '../../../../typings/actions/archive';

const kind = z.enum(['archive', 'registration'], { error: '请选择导出内容' });

/**
 * Export a class (teacher, admin) or the whole school (admin) as xlsx: the archives with contact cards, care
 * network and progress records, or the registration table (基本情况登记表, whose columns the import reads back).
 * The file comes back in base64; a file larger than one chunk is kept for an hour in chunks only its exporter can
 * fetch (exports.chunk). Every exported child is in the audit log.
 */
export default defineHandler('archive.export', {
  input: z.union([z.object({ classId: id('班级ID'), kind }).strict(), z.object({ schoolId: id('学校ID'), kind }).strict()], { error: '请指定班级或学校' }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' } },
  async run(ctx, input): Promise<ExportOutput> {
    const grant = ctx.grant;
    const target = grant.target!;
    if ('schoolId' in input && grant.role !== 'admin') throw new AppError('FORBIDDEN', '全校导出仅限管理员');
    const data = await loadExportData(ctx.db, 'classId' in input ? { classId: input.classId } : { schoolId: input.schoolId }, target.schoolId);
    const built = await buildExport(data, input.kind, grant.role, target.schoolClass?.name ?? '', ctx.now);
    const base64 = built.buffer.toString('base64');
    const chunks: string[] = [];
    for (let i = 0; i < base64.length; i += CHUNK_CHARS) chunks.push(base64.slice(i, i + CHUNK_CHARS));
    let exportId: string | null = null;
    if (chunks.length > 1) {
      exportId = newId();
      const expiresAt = new Date(ctx.now.getTime() + UPLOAD_TTL_MS / 24);
      await ctx.db.collection('exportChunks').add(chunks.slice(1).map((data, i) => ({ _id: `${exportId}-${i + 1}`, exportId, seq: i + 1, data, createdBy: ctx.openid, createdAt: ctx.now, expiresAt })));
    }
    if (data.children.length) {
      await audit(ctx.db, actorOf(ctx), data.children.map((c) => ({ kind: 'export' as const, schoolId: target.schoolId, childId: c._id, fields: built.fields, note: built.fileName })));
    }
    return { exportId, fileName: built.fileName, chunks: chunks.length, data: chunks[0] ?? '', rows: built.rows };
  },
});
