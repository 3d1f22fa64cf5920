import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { saveAvailability } from '../../../core/familyCalls/booking';
import { availabilitySlots } from '../../../core/familyCalls/input';

/**
 * A parent or guardian states when they can take calls (outside their work shifts), for one child. Replaces what
 * they stated before; the booking screen suggests times that fit it.
 */
export default defineHandler('familyCalls.availability', {
  input: z.object({ childId: id('儿童ID'), slots: availabilitySlots(), note: text('备注', 100).nullable().optional() }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx, input) => saveAvailability(ctx, ctx.grant.binding, ctx.grant.record.schoolId, input),
});
