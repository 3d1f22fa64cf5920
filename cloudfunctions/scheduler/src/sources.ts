/**
 * The reminder sources the scheduler asks on each run (see core/reminders/sources.ts for the contract).
 * A feature adds its source here, e.g. familyCallsUpcoming (quarterHour), birthdaysToday and teacherAgenda (daily).
 */
import type { ReminderSource } from '../../core/reminders';
import { talkRoundSource } from '../../core/reminders/talkRound';
import { FAMILY_CALL_SOURCES } from '../../core/familyCalls/notify';
import { alertDeliverySource } from '../../core/alerts/deliver';
import { COMMUNITY_SOURCES } from '../../core/community/reminders';
import { TALK_SOURCES } from '../../core/talks/notify';
import { birthdaySource } from '../../core/birthdays/reminders';
import { workPlanSource } from '../../core/workPlan/reminders';
import { keptCountsSource } from '../../core/dashboard/kept';

export const SOURCES: ReminderSource[] = [
  talkRoundSource,
  ...FAMILY_CALL_SOURCES,
  alertDeliverySource,
  ...COMMUNITY_SOURCES,
  ...TALK_SOURCES,
  birthdaySource,
  workPlanSource,
  // last: the morning's reminders go out before the schools' counts are kept
  keptCountsSource,
];
