/**
 * The scheduler's jobs by trigger name (config.json `triggers[].name`). A job is a plain function of
 * (now, db, app) so tests and `npm run simulate` can run it at any simulated time.
 *
 *   quarterHour  every 15 min    sources due in the last quarter hour, then deliver the outbox (retries, deferred)
 *   morning      07:30 daily     daily sources (agenda, no-contact prompts), then deliver; remove expired temporary
 *                                data and finish children's deletions that were cut short; photos no post uses
 *   monthly      1st 08:00       monthly sources (talk round), then deliver
 */
import type { CloudApp, Database } from '../../core/cloud';
import { runCadence, type Cadence, type ReminderSource } from '../../core/reminders';
import { SOURCES } from './sources';
import { tidyUp } from '../../core/housekeeping';
import { sweepUploads } from '../../core/growth/uploads';

export type Job = (now: Date, db: Database, app: CloudApp, env?: { setting(name: string): string | undefined }) => Promise<Record<string, unknown>>;

const TRIGGER_CADENCE: Record<string, Cadence> = { quarterHour: 'quarterHour', morning: 'daily', monthly: 'monthly' };

export function createJobs(sources: ReminderSource[]): Record<string, Job> {
  const jobs: Record<string, Job> = {};
  for (const [trigger, cadence] of Object.entries(TRIGGER_CADENCE)) {
    jobs[trigger] = async (now, db, app, env) => ({ ...(await runCadence(cadence, sources, now, db, app, { setting: env?.setting })) });
  }
  const remindMorning = jobs.morning;
  jobs.morning = async (now, db, app, env) => ({
    ...(await remindMorning(now, db, app, env)),
    ...(await tidyUp(db, now)),
    ...(await sweepUploads(db, app, now)),
  });
  return jobs;
}

export const jobs: Record<string, Job> = createJobs(SOURCES);
