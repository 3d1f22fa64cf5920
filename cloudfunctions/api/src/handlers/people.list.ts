import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listPeople, PEOPLE_PAGE } from '../../../core/people';

const page = {
  /** The `next` cursor of the previous page. */
  after: z.string({ error: '翻页位置必须是文字' }).max(120, '翻页位置不正确').optional(),
  limit: z.number({ error: '每页人数必须是数字' }).int('每页人数必须是整数').min(1, '每页至少 1 人').max(PEOPLE_PAGE, `每页最多 ${PEOPLE_PAGE} 人`).optional(),
};

/** People with a role, a page at a time: the whole school for an admin; a class's teachers, families and students for its teacher. */
export default defineHandler('people.list', {
  input: z.union([z.object({ schoolId: id('学校ID'), ...page }).strict(), z.object({ classId: id('班级ID'), ...page }).strict()], {
    error: '请指定学校或班级',
  }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' }, check: 'schoolWideIsAdmin' },
  run: (ctx, input) => listPeople(ctx.db, input),
});
