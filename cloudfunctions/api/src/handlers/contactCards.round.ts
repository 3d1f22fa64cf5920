import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { beijingMonth, startOfBeijingMonth } from '../../../core/time';
import type { Child, ContactCard } from '../../../../typings/domain';

/**
 * 信息更新 (the monthly information-update round): the left-behind children of a class whose contact card was not
 * confirmed (or saved) this Beijing month, including those without a card yet.
 */
export default defineHandler('contactCards.round', {
  input: z.object({ classId: id('班级ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId' } },
  async run(ctx, input) {
    const _ = ctx.db.command;
    const res = await ctx.db.collection('children').where({ classId: input.classId, deletedAt: null, leftBehindType: _.neq('not_left_behind') }).field({ name: true }).limit(1000).get();
    const children = res.data as Pick<Child, '_id' | 'name'>[];
    const cards = children.length
      ? ((await ctx.db.collection('contactCards').where({ _id: _.in(children.map((c) => c._id)) }).field({ confirmedAt: true }).limit(1000).get()).data as Pick<ContactCard, '_id' | 'confirmedAt'>[])
      : [];
    const confirmedAt = new Map(cards.map((c) => [c._id, c.confirmedAt]));
    const monthStart = startOfBeijingMonth(ctx.now).getTime();
    const pending = children
      .filter((c) => !((confirmedAt.get(c._id)?.getTime() ?? 0) >= monthStart))
      .map((c) => ({ childId: c._id, name: c.name, confirmedAt: confirmedAt.get(c._id)?.toISOString() ?? null, hasCard: confirmedAt.has(c._id) }));
    return { month: beijingMonth(ctx.now), total: children.length, confirmed: children.length - pending.length, pending };
  },
});
