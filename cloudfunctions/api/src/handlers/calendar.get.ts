import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { loadCalendar, termOf, EMPTY_CALENDAR } from '../../../core/familyCalls/calendar';
import { dateOf } from '../../../core/familyCalls/clock';
import type { CalendarView } from '../../../../typings/actions/familyCalls';

/** The school calendar (校历): terms, holidays, make-up workdays. Empty until the admin saves one. */
export default defineHandler('calendar.get', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  async run(ctx, input): Promise<CalendarView> {
    const cal = await loadCalendar(ctx.db, input.schoolId);
    const data = cal ?? { ...EMPTY_CALENDAR, version: 0 };
    return { schoolId: input.schoolId, terms: data.terms, holidays: data.holidays, makeUpDays: data.makeUpDays, version: data.version, currentTerm: termOf(data, dateOf(ctx.now)) };
  },
});
