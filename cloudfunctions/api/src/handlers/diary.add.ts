import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { addDiary } from '../../../core/talks/notes';
import { writerOf } from '../../../core/talks/writer';

/** 教师关爱留守儿童成长日记: a short dated entry by the mentor (internal by default). */
export default defineHandler('diary.add', {
  input: z.object({ childId: id('儿童ID'), date: day('日记日期'), text: text('日记内容', 500) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => addDiary(writerOf(ctx), ctx.grant.record, input),
});
