import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { optionalText } from '../../../core/talks/input';
import { recordSymposium } from '../../../core/talks/symposiums';
import { writerOf } from '../../../core/talks/writer';

/**
 * 座谈会 of mentors, children, guardians and entrusted guardians: day, topic, place, who came (picked from the care
 * network of the class or school), others present, the minutes and the decisions.
 */
export default defineHandler('symposiums.record', {
  input: z
    .object({
      classId: id('班级ID').optional(),
      schoolId: id('学校ID').optional(),
      date: day('座谈会日期'),
      topic: text('座谈会主题', 50),
      place: text('地点', 30),
      participants: z
        .array(
          z
            .object(
              { kind: z.enum(['mentor', 'teacher', 'child', 'guardian', 'proxy'], { error: '参加人员类别不正确' }), refId: id('参加人员') },
              { error: '参加人员格式不正确' },
            )
            .strict(),
          { error: '参加人员格式不正确' },
        )
        .max(200, '参加人员最多 200 人'),
      others: optionalText('其他参加人员', 100),
      minutes: text('会议纪要', 3000),
      decisions: z.array(text('决定事项', 100), { error: '决定事项格式不正确' }).max(10, '决定事项最多 10 项'),
    })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => recordSymposium(writerOf(ctx), ctx.grant.target!, input),
});
