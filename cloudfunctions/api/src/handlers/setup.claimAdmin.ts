import { z } from 'zod';
import { defineHandler } from '../handler';
import type { Transaction } from '../../../core/cloud';
import { text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { assertNotLocked, failWrongCode, hashCode } from '../../../core/codes';
import { isInitialized } from '../../../core/school';

/**
 * The first admin of an empty deployment: whoever holds the one-time bootstrap code printed at deploy/start
 * (not whoever comes first). Creates the school and the admin binding in one transaction.
 */
export default defineHandler('setup.claimAdmin', {
  input: z.object({ code: text('初始化码', 20), schoolName: text('学校名称', 40) }).strict(),
  access: { anyone: true },
  async run(ctx, input) {
    await assertNotLocked(ctx.db, ctx.openid, ctx.now);
    if (await isInitialized(ctx.db)) throw new AppError('CONFLICT', '学校已完成初始化，请向管理员索取邀请码');
    const stored = await ctx.db.collection('settings').doc('bootstrap').get();
    const record = stored.data[0] as { codeHash?: string; usedAt?: Date | null } | undefined;
    const expected = ctx.setting('CARE_ROOM_BOOTSTRAP_HASH') || record?.codeHash;
    if (!expected) throw new AppError('NOT_FOUND', '尚未生成初始化码，请重新部署或重启本地环境');
    if (record?.usedAt) throw new AppError('CONFLICT', '初始化码已被使用');
    if (hashCode(input.code) !== expected) return failWrongCode(ctx.db, ctx.openid, ctx.now, '初始化码不正确');

    return ctx.db.runTransaction(async (tx: Transaction) => {
      const again = await tx.collection('settings').doc('bootstrap').get();
      if ((again.data as { usedAt?: Date | null } | null)?.usedAt) throw new AppError('CONFLICT', '初始化码已被使用');
      await tx.collection('settings').doc('bootstrap').set({ codeHash: expected, usedAt: ctx.now, usedBy: ctx.openid });
      const school = await tx.collection('schools').add({ name: input.schoolName, createdAt: ctx.now });
      const schoolId = school.id as string;
      await tx.collection('bindings').add({
        openid: ctx.openid,
        role: 'admin',
        schoolId,
        classId: null,
        childId: null,
        communityId: null,
        label: input.schoolName,
        createdAt: ctx.now,
        revokedAt: null,
      });
      await tx.collection('users').doc(ctx.openid).set({ openid: ctx.openid, nickname: null, createdAt: ctx.now });
      return { schoolId };
    });
  },
});
