import type { FollowUpInput, TalkAction } from '../../../../../typings/actions/talks';

// a type, not an interface: Component() wants properties it can index
export type FollowUpsProps = {
  /** the open actions of earlier talks */
  open: { type: ArrayConstructor; value: TalkAction[] };
  /** how each has gone so far (the ones followed up) */
  value: { type: ArrayConstructor; value: FollowUpInput[] };
};
