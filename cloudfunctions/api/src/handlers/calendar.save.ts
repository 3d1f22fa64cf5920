import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { CALENDARS, calendarProblems, dayInfo, termOf } from '../../../core/familyCalls/calendar';
import { dateOf, daysBetween } from '../../../core/familyCalls/clock';
import { weekday } from '../../../core/familyCalls/input';
import { CALLS, LIVE } from '../../../core/familyCalls/store';
import type { FamilyCallOccurrence, SchoolCalendar } from '../../../../typings/domain';
import type { CalendarView } from '../../../../typings/actions/familyCalls';

const range = (what: string) =>
  z
    .object({ name: text(`${what}名称`, 20), start: day(`${what}开始日期`), end: day(`${what}结束日期`) }, { error: `${what}格式不正确` })
    .strict()
    .refine((r) => r.start <= r.end && daysBetween(r.start, r.end) <= 200, `${what}的日期不正确（结束不早于开始，最长 200 天）`);

/**
 * The admin keeps the school calendar. Saving needs the version read (0 for the first save). The answer lists the
 * calls already booked on days the new calendar closes, so they can be moved or cancelled.
 */
export default defineHandler('calendar.save', {
  input: z
    .object({
      schoolId: id('学校ID'),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(0, '版本号不正确'),
      terms: z.array(range('学期'), { error: '学期格式不正确' }).max(6, '最多 6 个学期'),
      holidays: z.array(range('假日'), { error: '假日格式不正确' }).max(60, '最多 60 个假日'),
      makeUpDays: z
        .array(z.object({ date: day('调休上班日'), weekday: weekday(), name: text('调休说明', 20) }, { error: '调休上班日格式不正确' }).strict(), { error: '调休上班日格式不正确' })
        .max(30, '最多 30 个调休上班日'),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  async run(ctx, input): Promise<CalendarView & { affected: { callId: string; date: string; time: string; reason: string }[] }> {
    const _ = ctx.db.command;
    const data = { terms: input.terms, holidays: input.holidays, makeUpDays: input.makeUpDays };
    const problems = calendarProblems(data);
    if (problems.length) throw new AppError('INVALID_INPUT', problems[0].message, problems);

    const doc: SchoolCalendar = { _id: input.schoolId, schoolId: input.schoolId, ...data, version: input.expectedVersion + 1, updatedAt: ctx.now, updatedBy: ctx.openid };
    const stale = () => new AppError('CONFLICT', '校历已被他人修改，请刷新后再改');
    if (input.expectedVersion === 0) {
      try {
        await ctx.db.collection(CALENDARS).add(doc);
      } catch (err) {
        // A calendar already there: someone saved first.
        if ((err as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE') throw stale();
        throw err;
      }
    } else {
      const { _id, ...fields } = doc;
      const res = await ctx.db.collection(CALENDARS).where({ _id, version: input.expectedVersion }).update({ ...fields, terms: _.set(data.terms), holidays: _.set(data.holidays), makeUpDays: _.set(data.makeUpDays) });
      if (!res.updated) throw stale();
    }

    const ahead = await ctx.db.collection(CALLS).where({ schoolId: input.schoolId, startsAt: _.gt(ctx.now), status: _.in(LIVE) }).field({ date: true, time: true }).orderBy('startsAt', 'asc').limit(1000).get();
    const affected = (ahead.data as Pick<FamilyCallOccurrence, '_id' | 'date' | 'time'>[]).flatMap((c) => {
      const info = dayInfo(data, c.date);
      return info.open ? [] : [{ callId: c._id, date: c.date, time: c.time, reason: info.reason }];
    });
    return { schoolId: input.schoolId, ...data, version: doc.version, currentTerm: termOf(data, dateOf(ctx.now)), affected };
  },
});
