import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { addHonour } from '../../../core/activities/honours';
import { HONOUR_LEVELS } from '../../../core/activities/labels';
import { writerOf } from '../../../core/talks/writer';

/** An honour of a child (自强少年…): on the child's record, and in the class feed only with the family's photo consent. */
export default defineHandler('honours.add', {
  input: z
    .object({
      childId: id('儿童ID'),
      title: text('荣誉名称', 30),
      level: z.enum(HONOUR_LEVELS, { error: '请选择荣誉级别' }),
      date: day('获奖日期'),
      body: text('颁发单位', 40),
      share: z.boolean({ error: '是否发到班级动态必须是是或否' }),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => addHonour({ ...writerOf(ctx), role: ctx.grant.role }, ctx.grant.record, input),
});
