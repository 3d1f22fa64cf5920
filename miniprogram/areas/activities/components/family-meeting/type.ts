import type { FamilyMeetingView } from '../../../../../typings/actions/activities';

// a type, not an interface: Component() wants properties it can index
export type FamilyMeetingProps = {
  /** the meeting as the invited family sees it (their child, their sign-in) */
  meeting: { type: ObjectConstructor; value: FamilyMeetingView | null };
  /** 12月5日 周六 15:00 */
  when: { type: StringConstructor; value: string };
  /** the sign-in is being saved */
  busy: { type: BooleanConstructor; value: boolean };
  /** the refusal or failure to show under the button */
  error: { type: StringConstructor; value: string };
};
