import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { archiveClass } from '../../../core/school';

/**
 * Admin closes a class (撤销班级): its teacher and student bindings and its open invites stop working. Families keep
 * their children's bindings: a child stays in the school until they leave (children.purge).
 */
export default defineHandler('classes.archive', {
  input: z.object({ classId: id('班级ID') }).strict(),
  access: { roles: ['admin'], scope: { class: 'classId' } },
  run: (ctx) => archiveClass(ctx.db, actorOf(ctx), ctx.grant.target!),
});
