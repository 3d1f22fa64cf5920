import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { clock } from '../../../core/familyCalls/input';
import { scheduleMeeting } from '../../../core/activities/meetings';
import { MAX_INVITED } from '../../../core/activities/labels';
import { writerOf } from '../../../core/talks/writer';

/** A parent meeting or symposium scheduled ahead; the parents and guardians of the children named are invited in WeChat. */
export default defineHandler('meetings.schedule', {
  input: z
    .object({
      classId: id('班级ID').optional(),
      schoolId: id('学校ID').optional(),
      kind: z.enum(['parent_meeting', 'symposium'], { error: '请选择家长会或座谈会' }),
      date: day('会议日期'),
      time: clock('开始时间'),
      topic: text('会议主题', 50),
      place: text('会议地点', 30),
      agenda: z.array(text('议程', 50), { error: '议程格式不正确' }).max(10, '议程最多 10 项').optional(),
      childIds: z
        .array(id('儿童ID'), { error: '邀请的孩子格式不正确' })
        .min(1, '请选择邀请哪些孩子的家长')
        .max(MAX_INVITED, `一次最多邀请 ${MAX_INVITED} 个家庭`),
    })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: ['schoolWideIsAdmin', 'classStaff'] },
  run: (ctx, input) => scheduleMeeting(writerOf(ctx), ctx.grant.target!, input),
});
