import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import type { OutboxEntry } from '../../../core/reminders/types';
import type { OutboxView } from '../../../../typings/actions/reminders';

/** The delivery log of a school (admin): what was sent, deferred, skipped, and failed with which WeChat errcode. */
export default defineHandler('reminders.outbox', {
  input: z.object({
    schoolId: id('学校ID'),
    status: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled'], { error: '状态不正确' }).optional(),
    limit: z.number().int('条数必须是整数').min(1, '至少 1 条').max(200, '每页最多 200 条').optional(),
  }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const where: Record<string, unknown> = { schoolId: input.schoolId };
    if (input.status) where.status = input.status;
    const res = await ctx.db.collection('outbox').where(where).orderBy('dueAt', 'desc').limit(input.limit ?? 50).get();
    const entries: OutboxView[] = (res.data as OutboxEntry[]).map((e) => ({
      id: e._id,
      kind: e.kind,
      to: e.to,
      role: e.role,
      title: e.title,
      template: e.template,
      status: e.status,
      dueAt: e.dueAt.toISOString(),
      attempts: e.attempts,
      lastErrcode: e.lastErrcode,
      skipReason: e.skipReason,
      sentAt: e.sentAt ? e.sentAt.toISOString() : null,
    }));
    return { entries };
  },
});
