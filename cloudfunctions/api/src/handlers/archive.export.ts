import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportArchives } from '../../../core/archive/export';

const kind = z.enum(['archive', 'registration'], { error: '请选择导出内容' });

/**
 * Export a class (teacher, admin) or the whole school (admin) as xlsx: the archives with contact cards, care
 * network and progress records, or the registration table (基本情况登记表, whose columns the import reads back).
 * The file comes back in base64; a file larger than one chunk is kept for an hour in chunks only its exporter can
 * fetch (exports.chunk). Every exported child is in the audit log.
 */
export default defineHandler('archive.export', {
  input: z.union([z.object({ classId: id('班级ID'), kind }).strict(), z.object({ schoolId: id('学校ID'), kind }).strict()], {
    error: '请指定班级或学校',
  }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  async run(ctx, input) {
    const { kind, ...scope } = input;
    return exportArchives(ctx.db, scope, kind, ctx.grant.target!, ctx.grant.role, actorOf(ctx));
  },
});
