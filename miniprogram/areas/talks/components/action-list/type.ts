import type { TalkActionInput } from '../../../../../typings/actions/talks';

// a type, not an interface: Component() wants properties it can index
export type ActionListProps = {
  /** the agreed actions so far */
  actions: { type: ArrayConstructor; value: TalkActionInput[] };
  /** the talk's day: an action is due on it or later */
  from: { type: StringConstructor; value: string };
  /** the server's word on them, if a save was refused */
  error: { type: StringConstructor; value: string };
};
