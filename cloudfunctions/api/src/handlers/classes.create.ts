import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { classView } from '../../../core/school';
import type { SchoolClass } from '../../../../typings/domain';

/** Admin adds a class (班级) to the school, optionally tied to the community (村/社区) it draws from. */
export default defineHandler('classes.create', {
  input: z
    .object({
      schoolId: id('学校ID'),
      grade: z.number({ error: '年级必须是数字' }).int('年级必须是整数').min(1, '年级为 1 到 9').max(9, '年级为 1 到 9'),
      name: text('班级名称', 20),
      communityId: id('社区ID').nullish(),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const classes = ctx.db.collection('classes');
    const [same, community] = await Promise.all([
      classes.where({ schoolId: input.schoolId, name: input.name, archivedAt: null }).limit(1).get(),
      input.communityId ? ctx.db.collection('communities').doc(input.communityId).get() : Promise.resolve(null),
    ]);
    if (same.data.length) throw new AppError('CONFLICT', `已有同名班级：${input.name}`);
    if (community && (community.data[0] as { schoolId?: string } | undefined)?.schoolId !== input.schoolId) {
      throw new AppError('INVALID_INPUT', '所选社区不属于本校', [{ path: 'communityId', message: '所选社区不属于本校' }]);
    }
    const record = { schoolId: input.schoolId, grade: input.grade, name: input.name, communityId: input.communityId ?? null, archivedAt: null, createdAt: ctx.now };
    const res = await classes.add(record);
    return classView({ _id: res.id as string, ...record } as SchoolClass);
  },
});
