import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listPeople } from '../../../core/people';

/** People with a role: the whole school for an admin; a class's teachers, families and students for its teacher. */
export default defineHandler('people.list', {
  input: z.union([z.object({ schoolId: id('学校ID') }).strict(), z.object({ classId: id('班级ID') }).strict()], {
    error: '请指定学校或班级',
  }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  run: async (ctx, input) => ({ people: await listPeople(ctx.db, input) }),
});
