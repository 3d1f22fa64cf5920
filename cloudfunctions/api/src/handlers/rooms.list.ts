import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listRooms } from '../../../core/familyCalls/setup';

/** The school's care rooms and their call devices with opening hours (admin sets them up; teachers book on them). */
export default defineHandler('rooms.list', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  run: (ctx, input) => listRooms(ctx, input.schoolId),
});
