/**
 * Cloud function `scheduler`: the entry of the timer triggers in config.json. Each trigger names a job;
 * a job is a plain function of (now, db, app) so tests and the simulation can run it at any time.
 * A call that carries a user identity did not come from a timer and is refused.
 */
import { openInvocation, type FunctionContext } from '../../core/cloud';
import { jobs } from './jobs';

interface TimerEvent {
  Type?: string;
  TriggerName?: string;
  /** The time the trigger fired (ISO string), as CloudBase sends it. */
  Time?: string;
}

export async function main(event: TimerEvent, context: FunctionContext) {
  const invocation = openInvocation(context);
  if (invocation.openid) return { ok: false, error: { code: 'FORBIDDEN', message: '定时任务不接受用户调用' } };
  const name = event?.TriggerName ?? '';
  const job = Object.prototype.hasOwnProperty.call(jobs, name) ? jobs[name] : undefined;
  if (!job) return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `未知的定时任务：${String(name).slice(0, 60)}` } };
  const fired = event.Time ? new Date(event.Time) : invocation.now;
  const now = Number.isNaN(fired.getTime()) ? invocation.now : fired;
  const result = await job(now, invocation.db, invocation.app, { setting: invocation.setting });
  return { ok: true, data: { job: name, at: now.toISOString(), ...result } };
}
