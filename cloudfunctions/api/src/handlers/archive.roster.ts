import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { scopeIds } from '../../../core/access';
import { COLLECTION } from '../../../core/collections';
import { audit, actorOf } from '../../../core/audit';
import { beijingMonth } from '../../../core/time';
import { loadClassData, rosterRows, ROSTER_AUDIT_FIELDS } from '../../../core/archive/roster';
import type { SchoolClass } from '../../../../typings/domain';
import type { RosterOutput } from '../../../../typings/actions/archive';

/**
 * The class roster screen in one call: the class (the caller's first class when none is named), the classes they
 * may switch to, every child's row and the class figures (建档率, coverage, this month's card round).
 * Database requests: principal, classes, children, then cards/pairings/consents/alerts together, and the audit.
 */
export default defineHandler('archive.roster', {
  input: z.object({ classId: id('班级ID').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', mine: true } },
  async run(ctx, input): Promise<RosterOutput> {
    const _ = ctx.db.command;
    const { grant } = ctx;
    const schools = scopeIds(ctx.principal, 'admin').schoolIds;
    const taught = scopeIds(ctx.principal, 'teacher').classIds;
    const reach = [...(schools.length ? [{ schoolId: _.in(schools) }] : []), ...(taught.length ? [{ _id: _.in(taught) }] : [])];
    const res = await ctx.db.collection(COLLECTION.classes).where(_.or(reach)).orderBy('grade', 'asc').orderBy('name', 'asc').limit(1000).get();
    const classes = (res.data as SchoolClass[]).filter((c) => !c.archivedAt || c._id === input.classId);
    // The named class, or the caller's own (a teacher's class; an admin's school opens at its first class).
    const schoolClass = grant.target?.schoolClass ?? classes.find((c) => c.schoolId === grant.target?.schoolId);
    if (!schoolClass) throw new AppError('NOT_FOUND', '学校还没有班级');

    const data = await loadClassData(ctx.db, schoolClass._id);
    const { rows, stats } = rosterRows(data, ctx.now);
    await audit(
      ctx.db,
      actorOf(ctx),
      rows.map((r) => ({ kind: 'read' as const, schoolId: schoolClass.schoolId, childId: r.id, fields: ROSTER_AUDIT_FIELDS })),
    );
    return {
      schoolClass: { id: schoolClass._id, schoolId: schoolClass.schoolId, name: schoolClass.name, grade: schoolClass.grade },
      classes: classes.filter((c) => !c.archivedAt).map((c) => ({ id: c._id, name: c.name })),
      month: beijingMonth(ctx.now),
      stats,
      rows,
    };
  },
});
