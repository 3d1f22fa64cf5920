import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { fetchAll } from '../../../core/archive/store';
import type { Child, Pairing, SchoolClass } from '../../../../typings/domain';

/**
 * 关爱网络覆盖: the left-behind children of a class (teacher, admin) or of the whole school (admin) who have no
 * mentor teacher or no hand-in-hand buddy right now.
 */
export default defineHandler('care.coverage', {
  input: z.union([z.object({ classId: id('班级ID') }).strict(), z.object({ schoolId: id('学校ID') }).strict()], { error: '请指定班级或学校' }),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', school: 'schoolId' } },
  async run(ctx, input) {
    const _ = ctx.db.command;
    if ('schoolId' in input && ctx.grant.role !== 'admin') return { total: 0, covered: 0, uncovered: [] };
    const scope = 'classId' in input ? { classId: input.classId } : { schoolId: input.schoolId };
    const [children, classRes, pairings] = await Promise.all([
      fetchAll<Pick<Child, '_id' | 'name' | 'classId'>>((skip) =>
        ctx.db.collection('children').where({ ...scope, deletedAt: null, leftBehindType: _.neq('not_left_behind') }).field({ name: true, classId: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get(),
      ),
      ctx.db.collection('classes').where('classId' in input ? { _id: input.classId } : { schoolId: input.schoolId }).field({ name: true }).limit(1000).get(),
      fetchAll<Pick<Pairing, 'childId' | 'kind'>>((skip) =>
        ctx.db.collection('pairings').where({ ...scope, endedAt: null, kind: _.in(['mentor', 'buddy']) }).field({ childId: true, kind: true }).orderBy('_id', 'asc').skip(skip).limit(1000).get(),
      ),
    ]);
    const className = new Map((classRes.data as Pick<SchoolClass, '_id' | 'name'>[]).map((c) => [c._id, c.name]));
    const paired = new Set(pairings.map((p) => `${p.childId}|${p.kind}`));
    const has = (childId: string, kind: string) => paired.has(`${childId}|${kind}`);
    const uncovered = children
      .map((c) => ({ childId: c._id, name: c.name, classId: c.classId, className: className.get(c.classId) ?? '', noMentor: !has(c._id, 'mentor'), noBuddy: !has(c._id, 'buddy') }))
      .filter((c) => c.noMentor || c.noBuddy);
    return { total: children.length, covered: children.length - uncovered.length, uncovered };
  },
});
