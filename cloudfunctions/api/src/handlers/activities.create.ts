import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { createActivity } from '../../../core/activities/activities';
import { ACTIVITY_KINDS, MAX_INVITED } from '../../../core/activities/labels';
import { writerOf } from '../../../core/talks/writer';

const people = (what: string) => z.array(id(what), { error: `${what}格式不正确` }).max(MAX_INVITED, `一次活动最多邀请 ${MAX_INVITED} 人`);

/** An activity of a class or the school: kind, title, day, place, organiser and who is invited (children, or teachers at a training). */
export default defineHandler('activities.create', {
  input: z
    .object({
      classId: id('班级ID').optional(),
      schoolId: id('学校ID').optional(),
      kind: z.enum(ACTIVITY_KINDS, { error: '请选择活动类别' }),
      title: text('活动名称', 40),
      date: day('活动日期'),
      place: text('活动地点', 30),
      organiser: text('组织者', 30),
      childIds: people('参加的孩子'),
      teacherIds: people('参加培训的老师').optional(),
    })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => createActivity(writerOf(ctx), ctx.grant.target!, input),
});
