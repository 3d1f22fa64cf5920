import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { CHUNK_CHARS, MAX_CHUNKS, receiveChunk } from '../../../core/archive/importer';

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
      seq: z
        .number({ error: '分片序号必须是数字' })
        .int()
        .min(0, '分片序号不正确')
        .max(MAX_CHUNKS - 1, '文件过大'),
      total: z
        .number({ error: '分片数必须是数字' })
        .int()
        .min(1, '分片数不正确')
        .max(MAX_CHUNKS, `文件过大（最多 ${MAX_CHUNKS} 片，约 ${Math.floor((MAX_CHUNKS * CHUNK_CHARS * 3) / 4 / 1024 / 1024)} MB）`),
      data: z
        .string({ error: '文件内容必须是 base64 文字' })
        .min(1, '分片为空')
        .max(CHUNK_CHARS, `每片最多 ${CHUNK_CHARS} 个字符`)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, '文件内容不是有效的 base64'),
    })
    .strict()
    .refine((i) => i.seq < i.total, { message: '分片序号超出分片数', path: ['seq'] }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => receiveChunk(ctx.db, input, ctx.grant.target!, ctx),
});
