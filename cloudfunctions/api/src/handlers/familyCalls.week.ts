import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { startOfBeijingWeek } from '../../../core/time';
import { addDays, dateOf, dayLabel, startOf, WEEKDAY_NAMES } from '../../../core/familyCalls/clock';
import { computeCoverage } from '../../../core/familyCalls/coverage';
import { viewContext } from '../../../core/familyCalls/load';
import { loadRooms } from '../../../core/familyCalls/rooms';
import { CALLS } from '../../../core/familyCalls/store';
import { callView, phoneCallView } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence, PhoneCallRecord } from '../../../../typings/domain';
import type { WeekView } from '../../../../typings/actions/familyCalls';

const WEEK_MS = 7 * 86400000;

/**
 * The week agenda (Beijing ISO week, Monday first) of a class (teacher, admin) or the whole school (admin): every
 * call day by day, the family-phone log, this week's contact coverage and the left-behind children to book for.
 * Without a class or school named, the caller's own class (or an admin's school): the page opens in one call.
 */
export default defineHandler('familyCalls.week', {
  input: z
    .object({ classId: id('班级ID').optional(), schoolId: id('学校ID').optional(), date: day().optional() })
    .strict()
    .refine((i) => !(i.classId && i.schoolId), '班级和学校只能指定一个'),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId', mine: true }, check: 'schoolWideIsAdmin' },
  async run(ctx, input): Promise<WeekView> {
    const _ = ctx.db.command;
    const target = ctx.grant.target!;
    const scope = target.classId ? { classId: target.classId } : { schoolId: target.schoolId };
    const monday = startOfBeijingWeek(input.date ? startOf(input.date, '12:00') : ctx.now);
    const end = new Date(monday.getTime() + WEEK_MS);

    const [callRes, phoneRes, coverage, rooms, school] = await Promise.all([
      ctx.db.collection(CALLS).where({ ...scope, startsAt: _.gte(monday).and(_.lt(end)) }).orderBy('startsAt', 'asc').limit(1000).get(),
      ctx.db.collection('phoneCalls').where({ ...scope, at: _.gte(monday).and(_.lt(end)) }).orderBy('at', 'asc').limit(1000).get(),
      computeCoverage(ctx.db, scope, monday),
      loadRooms(ctx.db, target.schoolId),
      target.classId ? Promise.resolve(null) : ctx.db.collection('schools').doc(target.schoolId).field({ name: true }).get(),
    ]);
    const calls = callRes.data as FamilyCallOccurrence[];
    const phones = phoneRes.data as PhoneCallRecord[];
    const names = new Map(coverage.children.map((c) => [c.childId, c.name]));
    const views = await viewContext(ctx.db, target.schoolId, calls, ctx.now, { rooms, childNames: names, childIds: phones.map((p) => p.childId) });

    const first = dateOf(monday);
    const days = [0, 1, 2, 3, 4, 5, 6].map((k) => {
      const date = addDays(first, k);
      return { date, label: `${dayLabel(date)} ${WEEKDAY_NAMES[k + 1]}`, calls: calls.filter((c) => c.date === date).map((c) => callView(c, views)) };
    });
    const name = target.schoolClass?.name ?? (school?.data[0] as { name?: string } | undefined)?.name ?? '';
    return {
      scope: { classId: target.classId, schoolId: target.schoolId, name },
      weekKey: coverage.weekKey,
      from: first,
      to: addDays(first, 6),
      days,
      phoneCalls: phones.map((p) => phoneCallView(p, views.childNames)),
      coverage: coverage.school,
      children: coverage.children.map((c) => ({ childId: c.childId, name: c.name, contactedThisWeek: c.contactedThisWeek, weeksWithout: c.weeksWithout })),
    };
  },
});
