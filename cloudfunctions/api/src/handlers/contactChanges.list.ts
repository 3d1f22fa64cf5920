import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { invalid } from '../../../core/errors';
import { classChanges } from '../../../core/parent/contact';

/** The class's contact changes: those waiting for the class teacher first, then the latest decided. */
export default defineHandler('contactChanges.list', {
  input: z.object({ classId: id('班级ID').optional() }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { class: 'classId', mine: true } },
  async run(ctx) {
    const record = ctx.grant.record;
    if (!('grade' in record)) throw invalid('请选择班级', 'classId');
    return { schoolClass: { id: record._id, name: record.name }, changes: await classChanges(ctx.db, record._id) };
  },
});
