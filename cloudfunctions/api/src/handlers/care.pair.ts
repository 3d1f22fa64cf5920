import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, phone, text } from '../../../core/validate';
import { optText } from '../../../core/archive/rules';
import { startPairing } from '../../../core/archive/care';
import { editorOf } from '../../../core/archive/store';

const common = { childId: id('儿童ID'), startDate: day('开始日期').optional(), note: optText('备注', 100).optional() };

/**
 * Start a pairing of the care network (结对帮扶): a mentor teacher (one at a time; gets reach over this child),
 * a hand-in-hand buddy from the school (up to 3), or a proxy parent / 爱心妈妈 / 临时爸爸 (up to 3). Audited.
 */
export default defineHandler('care.pair', {
  input: z.discriminatedUnion(
    'kind',
    [
      z.object({ ...common, kind: z.literal('mentor'), teacherBindingId: id('教师'), name: text('帮扶教师姓名', 20) }).strict(),
      z.object({ ...common, kind: z.literal('buddy'), buddyChildId: id('手拉手好朋友') }).strict(),
      z
        .object({
          ...common,
          kind: z.literal('proxy'),
          proxyKind: z.enum(['proxy_parent', 'caring_mother', 'temp_father'], { error: '请选择代理家长类型' }),
          name: text('代理家长姓名', 20),
          phone: phone('代理家长电话'),
        })
        .strict(),
    ],
    { error: '请选择结对类型' },
  ),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input) {
    return { pairingId: await startPairing(ctx.db, ctx.grant.record, input, editorOf(ctx)) };
  },
});
