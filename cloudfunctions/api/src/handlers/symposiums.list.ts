import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { symposiumScreen } from '../../../core/talks/symposiums';

/** The symposiums of a class (or an admin's school) and who may attend, from the care network. */
export default defineHandler('symposiums.list', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional() })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx) => {
    const target = ctx.grant.target!;
    return symposiumScreen(ctx.db, target, actorOf(ctx), ctx.now, target.schoolClass?.name ?? '全校');
  },
});
