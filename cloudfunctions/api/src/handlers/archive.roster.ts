import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { grantFor, scopeIds } from '../../../core/access';
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
export default defineHandler({
  action: 'archive.roster',
  input: z.object({ classId: id('班级ID').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: 'none' },
  async run(ctx, input): Promise<RosterOutput> {
    const _ = ctx.db.command;
    const schools = scopeIds(ctx.principal, 'admin').schoolIds;
    const taught = scopeIds(ctx.principal, 'teacher').classIds;
    const reach = [
      ...(schools.length ? [{ schoolId: _.in(schools) }] : []),
      ...(taught.length ? [{ _id: _.in(taught) }] : []),
    ];
    if (reach.length === 0) throw new AppError('FORBIDDEN', '您还没有任教的班级（帮扶教师请从首页进入所帮扶孩子的档案）');
    const res = await ctx.db.collection('classes').where(_.or(reach)).orderBy('grade', 'asc').orderBy('name', 'asc').limit(1000).get();
    const classes = (res.data as SchoolClass[]).filter((c) => !c.archivedAt || c._id === input.classId);
    const schoolClass = input.classId ? classes.find((c) => c._id === input.classId) : (classes.find((c) => taught.includes(c._id)) ?? classes[0]);
    if (!schoolClass) throw new AppError(input.classId ? 'FORBIDDEN' : 'NOT_FOUND', input.classId ? '无权访问该范围的数据' : '学校还没有班级');
    const grant = grantFor(ctx.principal, ['admin', 'teacher'], { schoolId: schoolClass.schoolId, classId: schoolClass._id, childId: null, communityId: null, schoolClass });

    const data = await loadClassData(ctx.db, schoolClass._id);
    const { rows, stats } = rosterRows(data, ctx.now);
    await audit(
      ctx.db,
      { ...actorOf({ ...ctx, grant }) },
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
