import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';
import { endPairing } from '../../../core/archive/care';
import type { BindingRecord, Pairing } from '../../../../typings/domain';
import type { Database } from '../../../core/cloud';

/**
 * The mentor pairings that end with this binding: the pairing behind a mentor binding itself, or, when a teacher's
 * last class binding in the school goes (they leave), every pairing they still mentor there.
 */
async function mentorPairingsEndingWith(db: Database, binding: BindingRecord): Promise<Pairing[]> {
  if (binding.role !== 'teacher') return [];
  const active = await db.collection('pairings').where({ schoolId: binding.schoolId, mentorOpenid: binding.openid, kind: 'mentor', endedAt: null }).limit(1000).get();
  const pairings = active.data as Pairing[];
  if (binding.childId) return pairings.filter((p) => p.bindingId === binding._id);
  const others = await db.collection('bindings').where({ openid: binding.openid, role: 'teacher', schoolId: binding.schoolId, childId: null, revokedAt: null }).limit(1000).get();
  const stillTeaches = (others.data as BindingRecord[]).some((b) => b._id !== binding._id);
  return stillTeaches ? [] : pairings;
}

/**
 * Remove someone's role: an admin in their school (never the last admin), a teacher for the families and students of
 * their class. Removing a mentor, or a teacher who leaves, ends their mentor pairings too, so the roster never shows a
 * mentor who can no longer open the child's file.
 */
export default defineHandler('people.revoke', {
  input: z.object({ bindingId: id('身份ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { binding: 'bindingId' }, check: 'mayManageRole' },
  async run(ctx, input) {
    const { record: binding, ...grant } = ctx.grant;
    if (binding.revokedAt) throw new AppError('CONFLICT', '该身份已被移除');
    if (binding.role === 'admin') {
      const admins = await ctx.db.collection('bindings').where({ role: 'admin', schoolId: binding.schoolId, revokedAt: null }).count();
      if ((admins.total ?? 0) <= 1) throw new AppError('CONFLICT', '不能移除学校唯一的管理员');
    }
    const actor = { openid: ctx.openid, role: grant.role, label: grant.binding.label, action: ctx.action, now: ctx.now };
    for (const pairing of await mentorPairingsEndingWith(ctx.db, binding)) await endPairing(ctx.db, pairing._id, undefined, actor);
    await ctx.db.collection('bindings').doc(input.bindingId).update({ revokedAt: ctx.now, revokedBy: ctx.openid });
    await audit(ctx.db, { ...actorOf(ctx), role: grant.role }, [{ kind: 'access', schoolId: binding.schoolId, childId: binding.childId, fields: [], note: `移除身份：${binding.label}` }]);
    return { revoked: true as const };
  },
});
