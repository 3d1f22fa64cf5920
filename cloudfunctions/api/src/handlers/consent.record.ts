import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { PRIVACY_NOTICE, consentView } from '../../../core/consent';
import { audit, actorOf } from '../../../core/audit';

/**
 * Record a guardian's decision on the privacy notice for one child: a parent/guardian in WeChat, or the
 * class teacher entering a signed paper form (with the signer's name and relation).
 */
export default defineHandler('consent.record', {
  input: z
    .object({
      childId: id('儿童ID'),
      decision: z.enum(['granted', 'refused'], { error: '请选择同意或不同意' }),
      noticeVersion: text('告知书版本', 20),
      method: z.enum(['wechat', 'paper'], { error: '请选择同意方式' }),
      signerName: text('签字人姓名', 20).optional(),
      signerRelation: text('签字人与孩子的关系', 10).optional(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const role = ctx.grant.role;
    if (input.noticeVersion !== PRIVACY_NOTICE.version) throw new AppError('CONFLICT', '隐私告知书已更新，请重新阅读后再确认');
    const family = role === 'parent' || role === 'guardian';
    if (family && input.method !== 'wechat') throw new AppError('INVALID_INPUT', '家长请在小程序中直接确认', [{ path: 'method', message: '家长请在小程序中直接确认' }]);
    if (!family && input.method !== 'paper') throw new AppError('INVALID_INPUT', '老师只能登记家长签字的纸质同意书', [{ path: 'method', message: '老师只能登记纸质同意书' }]);
    if (!family && (!input.signerName || !input.signerRelation)) {
      throw new AppError('INVALID_INPUT', '请填写签字人姓名和与孩子的关系', [{ path: 'signerName', message: '请填写签字人姓名和与孩子的关系' }]);
    }
    const record = {
      childId: input.childId,
      decision: input.decision,
      noticeVersion: input.noticeVersion,
      method: input.method,
      by: family ? ctx.openid : (input.signerName as string),
      signerRelation: family ? (ctx.grant.binding.label ?? null) : (input.signerRelation ?? null),
      recordedBy: ctx.openid,
      at: ctx.now,
    };
    const res = await ctx.db.collection('consents').add(record);
    await audit(ctx.db, actorOf(ctx), [{ kind: 'consent', schoolId: ctx.grant.target!.schoolId, childId: input.childId, fields: [], note: input.decision === 'granted' ? '同意' : '拒绝' }]);
    return consentView(input.childId, { _id: res.id as string, ...record });
  },
});
