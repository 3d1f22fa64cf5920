import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { createClass } from '../../../core/school';

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
  run: (ctx, input) => createClass(ctx.db, input, ctx.now),
});
