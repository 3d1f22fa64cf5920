import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { grantFor } from '../../../core/access';
import { MAY_INVITE } from '../../../core/invites';
import { audit, actorOf } from '../../../core/audit';
import type { BindingRecord } from '../../../../typings/domain';

/** Remove someone's role: an admin in their school (never the last admin), a teacher for the families and students of their class. */
export default defineHandler({
  action: 'people.revoke',
  input: z.object({ bindingId: id('身份ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: 'none' },
  async run(ctx, input) {
    const res = await ctx.db.collection('bindings').doc(input.bindingId).get();
    const binding = res.data[0] as BindingRecord | undefined;
    if (!binding) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
    const target = { schoolId: binding.schoolId ?? '', classId: binding.classId, childId: binding.childId, communityId: binding.communityId };
    const grant = grantFor(ctx.principal, ['admin', 'teacher'], target);
    if (!MAY_INVITE[grant.role].includes(binding.role)) throw new AppError('FORBIDDEN', '无权移除该身份');
    if (binding.revokedAt) throw new AppError('CONFLICT', '该身份已被移除');
    if (binding.role === 'admin') {
      const admins = await ctx.db.collection('bindings').where({ role: 'admin', schoolId: binding.schoolId, revokedAt: null }).count();
      if ((admins.total ?? 0) <= 1) throw new AppError('CONFLICT', '不能移除学校唯一的管理员');
    }
    await ctx.db.collection('bindings').doc(input.bindingId).update({ revokedAt: ctx.now, revokedBy: ctx.openid });
    await audit(ctx.db, { ...actorOf(ctx), role: grant.role }, [{ kind: 'access', schoolId: binding.schoolId, childId: binding.childId, fields: [], note: `移除身份：${binding.label}` }]);
    return { revoked: true as const };
  },
});
