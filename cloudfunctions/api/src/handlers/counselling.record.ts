import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { optionalText } from '../../../core/talks/input';
import { recordCounselling } from '../../../core/talks/notes';
import { writerOf } from '../../../core/talks/writer';

/** 心理辅导: notes of a session with a child with behaviour or emotional difficulties (internal, staff only). */
export default defineHandler('counselling.record', {
  input: z
    .object({
      childId: id('儿童ID'),
      date: day('辅导日期'),
      counsellorRole: z.enum(['class_teacher', 'subject_teacher', 'counsellor'], { error: '辅导老师只能是班主任、任课教师或心理辅导老师' }),
      focus: z.enum(['behaviour', 'emotion', 'both'], { error: '辅导的问题只能是品德行为偏差、情绪/心理困扰或两者' }),
      notes: text('辅导记录', 2000),
      nextSteps: optionalText('下一步', 500),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => recordCounselling(writerOf(ctx), ctx.grant.record, input),
});
