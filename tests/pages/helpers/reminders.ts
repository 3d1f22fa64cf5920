/**
 * Reminders for the pages that show them (消息中心, 提醒设置), put in with the engine's own API.
 */
import type { ReminderDraft } from '../../../cloudfunctions/core/reminders';
import type { DemoSchool } from './school';

/** The subscribe-message template id the admin configures for schedule reminders. */
export const TEMPLATE_ID = 'TPL_SCHEDULE_PAGES';

/** The admin configures the schedule template (reminders.configure), as a school does before any reminder goes out. */
export async function configureScheduleTemplate(school: DemoSchool): Promise<void> {
  await school.api('demo-admin', 'reminders.configure', {
    templates: { schedule: { id: TEMPLATE_ID, fields: { thing1: 'title', time2: 'time' } } },
  });
}

/** Family-call reminder number `n` to `to`, due `minutesAgo` minutes ago. */
export function reminder(to: string, n: number, minutesAgo: number): ReminderDraft {
  return {
    kind: 'familyCall.soon',
    to,
    role: 'parent',
    subject: `call-${n}`,
    occurrence: '2027-03-05',
    template: 'schedule',
    fields: { title: '亲情视频', time: new Date() },
    title: `亲情视频提醒${n}`,
    body: `第 ${n} 次视频通话的提醒`,
    page: `pages/family-calls/index?id=call-${n}`,
    at: new Date(Date.now() - minutesAgo * 60000),
  };
}
