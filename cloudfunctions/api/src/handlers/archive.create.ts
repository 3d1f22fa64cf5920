import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';
import { rosterFields } from '../../../core/archive/rules';
import { newId } from '../../../core/archive/care';
import { HISTORY, historyEntry } from '../../../core/archive/history';
import type { Child } from '../../../../typings/domain';
import type { Transaction } from '../../../core/cloud';

/**
 * Add a pupil to a class roster (花名册): only the roster fields (name, gender, birth date, left-behind type), which
 * the school holds anyway and needs before it can invite the family and ask their consent. The rest of the archive
 * is filled in after consent (archive.update). A second pupil with the same name and birth date is refused.
 */
export default defineHandler('archive.create', {
  input: z.object({ classId: id('班级ID'), ...rosterFields }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId' } },
  async run(ctx, input) {
    const target = ctx.grant.target!;
    const cls = target.schoolClass!;
    if (cls.archivedAt) throw new AppError('CONFLICT', '该班级已撤销');
    const childId = newId();
    await ctx.db.runTransaction(async (tx: Transaction) => {
      const same = await tx.collection('children').where({ classId: input.classId, name: input.name, birthDate: input.birthDate, deletedAt: null }).get();
      if (same.data.length) throw new AppError('CONFLICT', `${input.name}（${input.birthDate}）已在本班花名册中`);
      const child: Child = {
        _id: childId,
        schoolId: cls.schoolId,
        classId: cls._id,
        communityId: cls.communityId ?? null,
        name: input.name,
        gender: input.gender,
        birthDate: input.birthDate,
        lunarBirthday: null,
        leftBehindType: input.leftBehindType,
        focusSupport: null,
        archiveVersion: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        updatedBy: ctx.openid,
        deletedAt: null,
      };
      await tx.collection('children').add(child);
      const changes = Object.entries({ name: input.name, gender: input.gender, birthDate: input.birthDate, leftBehindType: input.leftBehindType }).map(([field, to]) => ({ field, from: null, to }));
      await tx.collection(HISTORY).add(
        historyEntry({ openid: ctx.openid, role: ctx.grant.role, label: ctx.grant.binding.label, action: ctx.action, now: ctx.now, schoolId: cls.schoolId, childId, target: 'archive', version: 1, changes, note: '加入花名册' }),
      );
    });
    await audit(ctx.db, actorOf(ctx), [{ kind: 'change', schoolId: cls.schoolId, childId, fields: ['name', 'gender', 'birthDate', 'leftBehindType'], note: '加入花名册' }]);
    return { childId };
  },
});
