import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { composerView } from '../../../core/growth/composer';

/** The composer's first screen: the class, the children one may post about, who may appear in a class post. */
export default defineHandler('posts.composer', {
  input: z.object({ classId: id('班级ID').optional(), childId: id('儿童ID').optional() }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { child: 'childId', class: 'classId', mine: true } },
  run: (ctx) => composerView(ctx.db, ctx.principal, ctx.grant.record),
});
