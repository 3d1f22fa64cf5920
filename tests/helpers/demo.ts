/**
 * The demo school's weeks of care work (scripts/demo-data.ts seedDemoActivity) entered through the real api as of
 * `now`: each action at the time the demo says it happened (calls booked and held in the past), else at `now`.
 */
import { seedDemoActivity } from '../../scripts/demo-data';
import type { TestEmulator } from './emulator';

export function seedDemoWork(env: TestEmulator, now: Date): Promise<void> {
  return seedDemoActivity((openid, action, input, at) => env.api(openid, action as never, input, at ?? now) as never, now);
}
