import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { cornerBoard } from '../../../core/corner/works';

/** 爱心天地 of a class (or of a child's class, for the family): the approved works, featured first, and my own. */
export default defineHandler('corner.board', {
  input: z.union([z.object({ classId: id('班级ID') }).strict(), z.object({ childId: id('儿童ID') }).strict()], { error: '请指定班级或孩子' }),
  access: { roles: ['admin', 'teacher', 'student', 'parent', 'guardian'], scope: { class: 'classId', child: 'childId' } },
  run: (ctx) => cornerBoard(ctx.db, ctx.grant, ctx.openid),
});
