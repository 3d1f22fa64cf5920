import type { CallView } from '../../../../../typings/actions/familyCalls';
import type { CallMood, MissedBy } from '../../../../../typings/domain';

/** What <call-outcome> emits as `record`: familyCalls.record's input without the call. */
export type OutcomeInput =
  | { result: 'done'; minutes: number; joinedBindingIds: string[]; others: string | null; note: string | null; mood: CallMood | null }
  | { result: 'missed'; by: MissedBy; reason: string };

// a type, not an interface: Component() wants properties it can index
export type CallOutcomeProps = {
  /** the call, as familyCalls.get answers it (its parents, and the outcome already recorded, if any) */
  call: { type: ObjectConstructor; value: CallView | null };
  /** a change is on its way to the server: the button waits */
  busy: { type: BooleanConstructor; value: boolean };
};
