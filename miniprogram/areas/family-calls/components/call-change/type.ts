import type { Weekday } from '../../../../../typings/domain';

export type Scope = 'one' | 'following';

/** What <call-change> emits as `move`: this call to a new day and time, or it and the following ones to a new weekday. */
export type MoveInput = { scope: 'one'; date: string; time: string } | { scope: 'following'; weekday: Weekday; time: string };

/** What it emits as `cancel`. */
export interface CancelInput {
  scope: Scope;
  reason: string | null;
}

// a type, not an interface: Component() wants properties it can index
export type CallChangeProps = {
  /** the call's day ("YYYY-MM-DD"), time and weekday, where the form starts */
  date: { type: StringConstructor; value: string };
  time: { type: StringConstructor; value: string };
  weekday: { type: NumberConstructor; value: number };
  /** the first day it may move to, "YYYY-MM-DD" (today) */
  today: { type: StringConstructor; value: string };
  /** the calls of the series after this one */
  following: { type: NumberConstructor; value: number };
  /** a change is on its way to the server */
  busy: { type: BooleanConstructor; value: boolean };
};
