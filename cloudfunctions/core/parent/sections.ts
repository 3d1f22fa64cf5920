/**
 * The parent home's sections that other areas fill. Each is one function of the child, called in parallel with the
 * home's other reads; an empty section is shown with words that say what will appear and when. Plug in here:
 *   talkSummary  the monthly talks: the family summary (家长可见的小结) of this month's talk card, null when none (live);
 *   wishes       wish cards: how many cards the child received for the latest birthday, the newest few (approved only);
 *   birthday     birthdays: the next one (solar or lunar; today counts), null when unknown;
 *   meetings     parent meetings (家长会) the family is invited to this week, for the to-do list (live).
 */
import type { Child } from '../../../typings/domain';
import type { ParentHome, TodoItem } from '../../../typings/actions/growth';
import type { Database } from '../cloud';
import { monthFamilySummary } from '../talks/child';
import { meetingTodos } from '../activities/family';
import { familyWishes } from '../wishes/wall';
import { comingBirthday } from '../birthdays/calendar';
import { beijingDate } from '../time';

export interface SectionContext {
  db: Database;
  child: Child;
  now: Date;
}

export interface HomeSections {
  /** Needs only the child's id: it goes out with the home's first round. */
  talkSummary(ctx: Omit<SectionContext, 'child'> & { childId: string }): Promise<ParentHome['talkSummary']>;
  /** Needs only the child's id: it goes out with the home's first round. */
  wishes(ctx: Omit<SectionContext, 'child'> & { childId: string }): Promise<ParentHome['wishes']>;
  birthday(ctx: SectionContext): Promise<ParentHome['birthday']>;
  /** Needs only the child's id: it goes out with the home's first round. */
  meetings(ctx: Omit<SectionContext, 'child'> & { childId: string }): Promise<TodoItem[]>;
}

export const HOME_SECTIONS: HomeSections = {
  talkSummary: ({ db, childId, now }) => monthFamilySummary(db, childId, now),
  wishes: ({ db, childId }) => familyWishes(db, childId),
  birthday: async ({ child, now }) => comingBirthday(child, beijingDate(now)),
  meetings: ({ db, childId, now }) => meetingTodos(db, childId, now),
};
