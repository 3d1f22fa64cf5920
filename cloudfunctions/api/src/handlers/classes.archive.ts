import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';

/**
 * Admin closes a class (撤销班级): its teacher and student bindings and its open invites stop working. Families keep
 * their children's bindings: a child stays in the school until they leave (children.purge).
 */
export default defineHandler('classes.archive', {
  input: z.object({ classId: id('班级ID') }).strict(),
  access: { roles: ['admin'], scope: { class: 'classId' } },
  async run(ctx, input) {
    const target = ctx.grant.target!;
    if (target.schoolClass?.archivedAt) throw new AppError('CONFLICT', '该班级已撤销');
    const _ = ctx.db.command;
    await ctx.db.collection('classes').doc(input.classId).update({ archivedAt: ctx.now });
    const [bindings, invites] = await Promise.all([
      ctx.db.collection('bindings').where({ classId: input.classId, revokedAt: null, role: _.in(['teacher', 'student']) }).update({ revokedAt: ctx.now }),
      ctx.db.collection('invites').where({ classId: input.classId, usedAt: null, revokedAt: null }).update({ revokedAt: ctx.now }),
    ]);
    await audit(ctx.db, actorOf(ctx), [{ kind: 'access', schoolId: target.schoolId, childId: null, fields: [], note: `撤销班级 ${target.schoolClass?.name ?? ''}` }]);
    return { revokedBindings: bindings.updated ?? 0, revokedInvites: invites.updated ?? 0 };
  },
});
