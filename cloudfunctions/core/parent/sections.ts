/**
 * The parent home's sections that other areas fill. Each is one function of the child, called in parallel with the
 * home's other reads; until its area lands it answers the empty section, which the page shows with words that say
 * what will appear and when. Plug in here:
 *   talkSummary  the monthly talks: the family summary (家长可见的小结) of this month's talk card, null when none (live);
 *   wishes       wish cards: how many cards the child received and the latest few (approved ones only);
 *   birthday     birthdays: the next one (solar or lunar), null when unknown.
 * (The parent meeting (家长会) of the school dashboard joins the to-do list the same way when it lands.)
 */
import type { Child } from '../../../typings/domain';
import type { ParentHome } from '../../../typings/actions/growth';
import type { Database } from '../cloud';
import { monthFamilySummary } from '../talks/child';

export interface SectionContext {
  db: Database;
  child: Child;
  now: Date;
}

export interface HomeSections {
  /** Needs only the child's id: it goes out with the home's first round. */
  talkSummary(ctx: Omit<SectionContext, 'child'> & { childId: string }): Promise<ParentHome['talkSummary']>;
  wishes(ctx: SectionContext): Promise<ParentHome['wishes']>;
  birthday(ctx: SectionContext): Promise<ParentHome['birthday']>;
}

export const HOME_SECTIONS: HomeSections = {
  talkSummary: ({ db, childId, now }) => monthFamilySummary(db, childId, now),
  wishes: async () => ({ count: 0, latest: [] }),
  birthday: async () => null,
};
