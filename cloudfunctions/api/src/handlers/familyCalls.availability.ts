import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { clockMinutes } from '../../../core/familyCalls/clock';
import { quarterClock, weekday } from '../../../core/familyCalls/input';
import { availabilityView } from '../../../core/familyCalls/views';
import type { CallAvailability } from '../../../../typings/domain';
import type { AvailabilityView } from '../../../../typings/actions/familyCalls';

const slot = z
  .object({ weekday: weekday(), start: quarterClock('开始时间'), end: z.string({ error: '结束时间必须是文字' }).regex(/^(([01]\d|2[0-3]):(00|15|30|45)|24:00)$/, '结束时间应为整刻钟，例如 21:00') }, { error: '时间段格式不正确' })
  .strict()
  .refine((s) => s.start < s.end, '结束时间应晚于开始时间');

/**
 * A parent or guardian states when they can take calls (outside their work shifts), for one child. Replaces what
 * they stated before; the booking screen suggests times that fit it.
 */
export default defineHandler('familyCalls.availability', {
  input: z
    .object({
      childId: id('儿童ID'),
      slots: z
        .array(slot, { error: '时间段格式不正确' })
        .max(21, '最多 21 个时间段')
        .refine((slots) => slots.every((a, i) => slots.every((b, j) => i === j || a.weekday !== b.weekday || clockMinutes(a.end) <= clockMinutes(b.start) || clockMinutes(b.end) <= clockMinutes(a.start))), '同一天的时间段不能重叠'),
      note: text('备注', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  async run(ctx, input): Promise<AvailabilityView> {
    const binding = ctx.grant.binding;
    const doc: Omit<CallAvailability, '_id'> = {
      childId: input.childId,
      schoolId: ctx.grant.target!.schoolId,
      openid: ctx.openid,
      bindingId: binding._id,
      slots: input.slots,
      note: input.note ?? null,
      updatedAt: ctx.now,
    };
    // One document per parent and child: saving twice keeps one.
    const _id = `${input.childId}_${ctx.openid}`.slice(0, 128);
    await ctx.db.collection('callAvailability').doc(_id).set(doc);
    return availabilityView(binding, { _id, ...doc });
  },
});
