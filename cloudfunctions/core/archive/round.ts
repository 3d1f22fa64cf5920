/**
 * 信息更新 (the monthly information-update round): the left-behind children of a class whose contact card was not
 * confirmed (or saved) this Beijing month, including those without a card yet.
 */
import type { Database } from '../cloud';
import type { Child, ContactCard } from '../../../typings/domain';
import type { ActionOutput } from '../../../typings/actions';
import { COLLECTION } from '../collections';
import { beijingMonth, startOfBeijingMonth } from '../time';

export async function cardRound(db: Database, classId: string, now: Date): Promise<ActionOutput<'contactCards.round'>> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.children)
    .where({ classId, deletedAt: null, leftBehindType: _.neq('not_left_behind') })
    .field({ name: true })
    .limit(1000)
    .get();
  const children = res.data as Pick<Child, '_id' | 'name'>[];
  const cards = children.length
    ? ((
        await db
          .collection(COLLECTION.contactCards)
          .where({ _id: _.in(children.map((c) => c._id)) })
          .field({ confirmedAt: true })
          .limit(1000)
          .get()
      ).data as Pick<ContactCard, '_id' | 'confirmedAt'>[])
    : [];
  const confirmedAt = new Map(cards.map((c) => [c._id, c.confirmedAt]));
  const monthStart = startOfBeijingMonth(now).getTime();
  const pending = children
    .filter((c) => !((confirmedAt.get(c._id)?.getTime() ?? 0) >= monthStart))
    .map((c) => ({
      childId: c._id,
      name: c.name,
      confirmedAt: confirmedAt.get(c._id)?.toISOString() ?? null,
      hasCard: confirmedAt.has(c._id),
    }));
  return { month: beijingMonth(now), total: children.length, confirmed: children.length - pending.length, pending };
}
