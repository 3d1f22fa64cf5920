/**
 * Timer service: fires each function's timer triggers (config.json) on Beijing time while the emulator runs,
 * and fires a trigger at a given simulated time on request (tests, demos, npm run simulate).
 */
import type { FunctionHost, Invocation, InvokeOptions } from '../functions/host';
import { firesBetween, nextFire, parseCron } from './cron';

export interface TriggerRef {
  functionName: string;
  name: string;
  cron: string;
}

export class TimerService {
  private timers: NodeJS.Timeout[] = [];
  private stopped = true;

  constructor(
    private readonly host: FunctionHost,
    private readonly log: (line: string) => void = () => {},
  ) {}

  triggers(): TriggerRef[] {
    return this.host
      .names()
      .flatMap((functionName) =>
        (this.host.config(functionName).triggers ?? []).filter((t) => t.type === 'timer').map((t) => ({ functionName, name: t.name, cron: t.config })),
      );
  }

  /** Invoke a trigger as CloudBase would at `at` (no user identity; the event carries the fire time). */
  async fire(functionName: string, triggerName: string, at: Date, options: Pick<InvokeOptions, 'ownProcess'> = {}): Promise<Invocation> {
    const trigger = this.triggers().find((t) => t.functionName === functionName && t.name === triggerName);
    if (!trigger) throw new Error(`没有这个定时触发器：${functionName}/${triggerName}`);
    return this.host.invoke(functionName, { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString() }, { now: at, ...options });
  }

  /** Every (trigger, time) that would fire in (from, to], in time order. */
  schedule(from: Date, to: Date): { trigger: TriggerRef; at: Date }[] {
    return this.triggers()
      .flatMap((trigger) => firesBetween(parseCron(trigger.cron), from, to).map((at) => ({ trigger, at })))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  start(): void {
    this.stopped = false;
    for (const trigger of this.triggers()) this.arm(trigger);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  private arm(trigger: TriggerRef): void {
    if (this.stopped) return;
    const at = nextFire(parseCron(trigger.cron), new Date());
    if (!at) return;
    // setTimeout cannot wait longer than ~24.8 days; re-arm in steps.
    const wait = Math.min(at.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      async () => {
        this.timers = this.timers.filter((t) => t !== timer);
        if (Date.now() >= at.getTime() - 5) {
          try {
            const inv = await this.fire(trigger.functionName, trigger.name, at);
            this.log(`[timer] ${trigger.functionName}/${trigger.name} ${at.toISOString()} -> ${JSON.stringify(inv.result).slice(0, 200)}`);
          } catch (err) {
            this.log(`[timer] ${trigger.functionName}/${trigger.name} failed: ${(err as Error).message}`);
          }
        }
        this.arm(trigger);
      },
      Math.max(0, wait),
    );
    timer.unref();
    this.timers.push(timer);
  }
}
