import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { postWork } from '../../../core/corner/works';
import { kindText } from '../../../core/wishes/rules';
import { WORK_MAX_CHARS, WORK_TITLE_MAX_CHARS } from '../../../core/wishes/labels';

const kind = z.enum(['declaration', 'poster', 'board'], { error: '请选择作品类别' });

/** Post a work to the class corner (爱心宣言, 爱心牌图, 宣传栏), moderated like the cards. */
export default defineHandler('corner.post', {
  input: z.object({ classId: id('班级ID'), kind, title: kindText('作品标题', WORK_TITLE_MAX_CHARS), text: kindText('作品内容', WORK_MAX_CHARS) }).strict(),
  access: { roles: ['admin', 'teacher', 'student'], scope: { class: 'classId' } },
  run: (ctx, input) => postWork(ctx, ctx.grant, input, actorOf(ctx)),
});
