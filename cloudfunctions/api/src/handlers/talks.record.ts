import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { concerns, followUp, mood, optionalText, talkAction, topics } from '../../../core/talks/input';
import { recordTalk } from '../../../core/talks/record';
import { writerOf } from '../../../core/talks/writer';

/**
 * 谈心记录卡: the mentor, class teacher or counsellor records a talk — day (not in the future, not before the archive),
 * place, mood, topics, what the child said, concerns, agreed actions and how last month's went, and the summary they
 * choose to share with the family. One card per child, day and writer. A seed concern opens the 14-day individual
 * plan requirement; 疑似受到侵害 or 无人照料 raises an urgent alert to the admins and the mentor.
 */
export default defineHandler('talks.record', {
  input: z
    .object({
      childId: id('儿童ID'),
      date: day('谈心日期'),
      place: text('谈心地点', 20),
      talkerRole: z.enum(['mentor', 'class_teacher', 'counsellor', 'subject_teacher'], { error: '谈话人只能是帮扶教师、班主任、心理辅导老师或任课教师' }),
      mood: mood(),
      topics: topics(),
      childSaid: text('孩子说的话', 2000),
      concerns: concerns(),
      concernNote: optionalText('问题说明', 500),
      actions: z.array(talkAction(), { error: '商定的事项格式不正确' }).max(10, '商定的事项最多 10 项'),
      followUps: z.array(followUp(), { error: '跟进情况格式不正确' }).max(30, '跟进的事项最多 30 项'),
      familySummary: optionalText('家长可见的小结', 500),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => recordTalk(writerOf(ctx), ctx.grant.record, input),
});
