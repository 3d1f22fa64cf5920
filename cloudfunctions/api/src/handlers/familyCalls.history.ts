import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { beijing } from '../../../core/time';
import { CALLS } from '../../../core/familyCalls/store';
import { STATUS_LABELS } from '../../../core/familyCalls/views';
import type { FamilyCallOccurrence, PhoneCallRecord } from '../../../../typings/domain';
import type { HistoryItem } from '../../../../typings/actions/familyCalls';

const PAGE = 20;

/** A child's contact history up to now, newest first: video calls (any status) and family-phone calls, 20 at a time. */
export default defineHandler('familyCalls.history', {
  input: z
    .object({
      childId: id('儿童ID'),
      before: z.iso.datetime({ error: '时间格式不正确' }).optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian'], scope: { child: 'childId' } },
  async run(ctx, input): Promise<{ items: HistoryItem[]; next: string | null }> {
    const _ = ctx.db.command;
    const before = input.before ? new Date(input.before) : ctx.now;
    const [calls, phones] = await Promise.all([
      ctx.db.collection(CALLS).where({ childId: input.childId, startsAt: _.lt(before) }).orderBy('startsAt', 'desc').limit(PAGE + 1).get(),
      ctx.db.collection('phoneCalls').where({ childId: input.childId, at: _.lt(before) }).orderBy('at', 'desc').limit(PAGE + 1).get(),
    ]);
    const label = (at: Date) => beijing(at).format('M月D日 HH:mm');
    const items: HistoryItem[] = [
      ...(calls.data as FamilyCallOccurrence[]).map((c) => ({
        kind: 'video' as const,
        id: c._id,
        at: c.startsAt.toISOString(),
        label: `${label(c.startsAt)} 亲情视频`,
        minutes: c.outcome?.minutes ?? c.minutes,
        status: c.status,
        statusLabel: STATUS_LABELS[c.status],
        note: c.outcome?.note ?? c.missed?.reason ?? c.cancelled?.reason ?? null,
      })),
      ...(phones.data as PhoneCallRecord[]).map((p) => ({ kind: 'phone' as const, id: p._id, at: p.at.toISOString(), label: `${label(p.at)} 亲情电话（${p.who}）`, minutes: p.minutes, status: 'logged' as const, statusLabel: '已通话', note: p.note })),
    ].sort((a, b) => b.at.localeCompare(a.at));
    const page = items.slice(0, PAGE);
    // Both lists were cut at PAGE + 1: whatever was cut lies before the last item shown.
    const more = items.length > PAGE;
    return { items: page, next: more ? page[page.length - 1].at : null };
  },
});
