import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { inviteView, type InviteRecord } from '../../../core/invites';

/** Invites of the school (admin) or of a class (its teacher), newest first. Codes are never shown again. */
export default defineHandler('invites.list', {
  input: z.union([z.object({ schoolId: id('学校ID') }).strict(), z.object({ classId: id('班级ID') }).strict()], { error: '请指定学校或班级' }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' } },
  async run(ctx, input) {
    const isSchoolWide = 'schoolId' in input;
    if (isSchoolWide && ctx.grant.role !== 'admin') return { invites: [] };
    const where = isSchoolWide ? { schoolId: input.schoolId } : { classId: input.classId };
    const res = await ctx.db.collection('invites').where(where).orderBy('createdAt', 'desc').limit(200).get();
    return { invites: (res.data as InviteRecord[]).map((r) => inviteView(r, ctx.now)) };
  },
});
