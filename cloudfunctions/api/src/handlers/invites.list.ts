import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listInvites } from '../../../core/invites';

/** Invites of the school (admin) or of a class (its teacher), newest first. Codes are never shown again. */
export default defineHandler('invites.list', {
  input: z.union([z.object({ schoolId: id('学校ID') }).strict(), z.object({ classId: id('班级ID') }).strict()], {
    error: '请指定学校或班级',
  }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  run: async (ctx, input) => ({ invites: await listInvites(ctx.db, input, ctx.now) }),
});
