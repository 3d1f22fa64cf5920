import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { CHUNK_CHARS, MAX_CHUNKS, loadBatch, uploadExpiry, type ImportBatch } from '../../../core/archive/importer';
import { newId } from '../../../core/archive/care';

/**
 * Upload a roster spreadsheet in base64 chunks (each at most 200,000 characters; the api event is limited to
 * 256 KB). The first chunk (seq 0, no uploadId) opens the upload; the others name it. Sending a chunk twice is
 * harmless. A teacher imports into one of their classes; an admin may import the whole school (a 班级 column).
 */
export default defineHandler('imports.upload', {
  input: z
    .object({
      schoolId: id('学校ID'),
      classId: id('班级ID').optional(),
      uploadId: id('上传ID').optional(),
      fileName: text('文件名', 100),
      seq: z.number({ error: '分片序号必须是数字' }).int().min(0, '分片序号不正确').max(MAX_CHUNKS - 1, '文件过大'),
      total: z.number({ error: '分片数必须是数字' }).int().min(1, '分片数不正确').max(MAX_CHUNKS, `文件过大（最多 ${MAX_CHUNKS} 片，约 ${Math.floor((MAX_CHUNKS * CHUNK_CHARS * 3) / 4 / 1024 / 1024)} MB）`),
      data: z
        .string({ error: '文件内容必须是 base64 文字' })
        .min(1, '分片为空')
        .max(CHUNK_CHARS, `每片最多 ${CHUNK_CHARS} 个字符`)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 base64'),
    })
    .strict()
    .refine((i) => i.seq < i.total, { message: '分片序号超出分片数', path: ['seq'] }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  async run(ctx, input) {
    const grant = ctx.grant;
    if (grant.target!.schoolId !== input.schoolId) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
    if (grant.target!.schoolClass?.archivedAt) throw new AppError('CONFLICT', '该班级已撤销');

    let uploadId = input.uploadId;
    if (!uploadId) {
      if (input.seq !== 0) throw new AppError('INVALID_INPUT', '请从第一片开始上传', [{ path: 'seq', message: '请从第一片开始上传' }]);
      uploadId = newId();
      const batch: ImportBatch = {
        _id: uploadId,
        schoolId: input.schoolId,
        classId: input.classId ?? null,
        fileName: input.fileName,
        total: input.total,
        status: 'uploading',
        createdBy: ctx.openid,
        createdAt: ctx.now,
        expiresAt: uploadExpiry(ctx.now),
        committedAt: null,
        created: null,
      };
      await ctx.db.collection('importBatches').add(batch);
    } else {
      const batch = await loadBatch(ctx.db, uploadId, ctx.openid, ctx.now);
      if (batch.status === 'committed') throw new AppError('CONFLICT', '该文件已经导入过了');
      if (batch.total !== input.total || batch.schoolId !== input.schoolId || batch.classId !== (input.classId ?? null)) throw new AppError('CONFLICT', '分片与上传不一致，请重新上传');
    }
    await ctx.db.collection('importChunks').doc(`${uploadId}-${input.seq}`).set({ batchId: uploadId, seq: input.seq, data: input.data, createdAt: ctx.now, expiresAt: uploadExpiry(ctx.now) });
    const received = await ctx.db.collection('importChunks').where({ batchId: uploadId }).count();
    return { uploadId, received: received.total ?? 0, total: input.total };
  },
});
