import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { calendarView } from '../../../core/familyCalls/setup';

/** The school calendar (校历): terms, holidays, make-up workdays. Empty until the admin saves one. */
export default defineHandler('calendar.get', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  run: (ctx, input) => calendarView(ctx, input.schoolId),
});
