import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import type { BindingRecord, UserRecord } from '../../../../typings/domain';
import type { PersonView } from '../../../../typings/actions/accounts';

/** People with a role: the whole school for an admin; a class's teachers, families and students for its teacher. */
export default defineHandler('people.list', {
  input: z.union([z.object({ schoolId: id('学校ID') }).strict(), z.object({ classId: id('班级ID') }).strict()], { error: '请指定学校或班级' }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' } },
  async run(ctx, input) {
    if ('schoolId' in input && ctx.grant.role !== 'admin') return { people: [] };
    const where = 'schoolId' in input ? { schoolId: input.schoolId, revokedAt: null } : { classId: input.classId, revokedAt: null };
    const res = await ctx.db.collection('bindings').where(where).orderBy('createdAt', 'asc').limit(1000).get();
    const bindings = res.data as BindingRecord[];
    const openids = [...new Set(bindings.map((b) => b.openid))];
    const _ = ctx.db.command;
    const users = openids.length ? ((await ctx.db.collection('users').where({ _id: _.in(openids) }).limit(1000).get()).data as UserRecord[]) : [];
    const nickname = new Map(users.map((u) => [u._id, u.nickname]));
    const people: PersonView[] = bindings.map((b) => ({
      bindingId: b._id,
      openid: b.openid,
      nickname: nickname.get(b.openid) ?? null,
      role: b.role,
      label: b.label,
      classId: b.classId ?? null,
      childId: b.childId ?? null,
      communityId: b.communityId ?? null,
      since: b.createdAt.toISOString(),
    }));
    return { people };
  },
});
