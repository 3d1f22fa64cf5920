import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { covers } from '../../../core/access';
import type { BindingRecord, Child, UserRecord } from '../../../../typings/domain';

/**
 * Who can be paired with a child (the pairing screen in one call): the school's teachers (a class or subject
 * binding, one entry per person) as mentors, and the child's classmates as hand-in-hand buddies. The classmates are
 * listed only to those who reach the class (its teachers, the admin), not to a mentor who reaches this one child.
 */
export default defineHandler('care.candidates', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx) {
    const child = ctx.grant.record;
    const classTarget = { schoolId: child.schoolId, classId: child.classId, childId: null, communityId: null };
    const reachesClass = ctx.principal.bindings.some((b) => (b.role === 'admin' || b.role === 'teacher') && covers(b, classTarget));
    const [bindingRes, pupilRes] = await Promise.all([
      ctx.db.collection('bindings').where({ schoolId: child.schoolId, role: 'teacher', revokedAt: null, childId: null }).limit(1000).get(),
      reachesClass ? ctx.db.collection('children').where({ classId: child.classId, deletedAt: null }).field({ name: true, leftBehindType: true }).limit(1000).get() : Promise.resolve({ data: [] }),
    ]);
    const seen = new Set<string>();
    const teachers = (bindingRes.data as BindingRecord[]).filter((b) => !seen.has(b.openid) && seen.add(b.openid));
    const users = teachers.length ? ((await ctx.db.collection('users').where({ _id: ctx.db.command.in(teachers.map((t) => t.openid)) }).limit(1000).get()).data as UserRecord[]) : [];
    const nickname = new Map(users.map((u) => [u._id, u.nickname]));
    return {
      teachers: teachers.map((t) => ({ bindingId: t._id, label: t.label, nickname: nickname.get(t.openid) ?? null })),
      pupils: (pupilRes.data as Pick<Child, '_id' | 'name' | 'leftBehindType'>[])
        .filter((p) => p._id !== child._id)
        .map((p) => ({ childId: p._id, name: p.name, leftBehind: p.leftBehindType !== 'not_left_behind' })),
    };
  },
});
