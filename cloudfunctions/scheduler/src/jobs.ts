/**
 * The scheduler's jobs by trigger name (config.json `triggers[].name`). A job is a plain function of
 * (now, db, app) so tests and `npm run simulate` can run it at any simulated time.
 *
 *   quarterHour  every 15 min    sources due in the last quarter hour; then goes on with a daily or monthly run that
 *                                stopped at its time budget (a county's worth of children); then delivers the outbox
 *                                (retries, deferred)
 *   morning      07:30 daily     daily sources (agenda, no-contact prompts, then each school's counts kept for the
 *                                county); remove expired temporary data and finish
 *                                children's deletions that were cut short; photos no post uses; then deliver
 *   monthly      1st 08:00       monthly sources (talk round), then deliver
 *   carryOn      every minute    goes on with a daily or monthly run left open, then delivers; nothing else (two
 *                                job-state reads when none is open), so a county's morning ends within minutes
 *
 * Every invocation works within RUN_BUDGET (the function's timeout is 60 s) and answers `more` when it left work for
 * the next one.
 */
import type { CloudApp, Database } from '../../core/cloud';
import { collectCadence, deliverUntil, runCadence, RUN_BUDGET, type Cadence, type ReminderSource, type RunBudget } from '../../core/reminders';
import { SOURCES } from './sources';
import { tidyUp } from '../../core/housekeeping';
import { sweepUploads } from '../../core/growth/uploads';

export type Job = (now: Date, db: Database, app: CloudApp, env?: { setting(name: string): string | undefined }) => Promise<Record<string, unknown>>;

export function createJobs(sources: ReminderSource[], budget: RunBudget = RUN_BUDGET): Record<string, Job> {
  const run =
    (cadence: Cadence, resume: Cadence[] = []): Job =>
    async (now, db, app, env) => ({
      ...(await runCadence(cadence, sources, now, db, app, { setting: env?.setting, budget, resume })),
    });
  return {
    quarterHour: run('quarterHour', ['daily', 'monthly']),
    morning: async (now, db, app, env) => {
      const started = Date.now();
      const collected = (await collectCadence('daily', sources, now, db, { stopAt: started + budget.collectMs }))!;
      const tidied = { ...(await tidyUp(db, now)), ...(await sweepUploads(db, app, now)) };
      const delivery = await deliverUntil(db, now, app, started + budget.totalMs, { setting: env?.setting });
      return { ...collected, delivery, ...tidied, more: collected.more || delivery.more };
    },
    monthly: run('monthly'),
    carryOn: async (now, db, app, env) => {
      const started = Date.now();
      const continued: Partial<Record<Cadence, unknown>> = {};
      let more = false;
      for (const cadence of ['daily', 'monthly'] as const) {
        const r = await collectCadence(cadence, sources, now, db, { stopAt: started + budget.collectMs, resumeOnly: true });
        if (r) [continued[cadence], more] = [r, more || r.more];
      }
      if (Object.keys(continued).length === 0) return { continued, more: false };
      const delivery = await deliverUntil(db, now, app, started + budget.totalMs, { setting: env?.setting });
      return { continued, delivery, more: more || delivery.more };
    },
  };
}

export const jobs: Record<string, Job> = createJobs(SOURCES);
