// a type, not an interface: Component() wants properties it can index
export type MeetingFormProps = {
  /** the children whose families may be invited: id, name, their class */
  children: { type: ArrayConstructor; value: { id: string; name: string; note: string }[] };
  /** the first day that may be chosen (today) */
  today: { type: StringConstructor; value: string };
  /** the save is under way */
  busy: { type: BooleanConstructor; value: boolean };
  /** the server's refusal to show */
  error: { type: StringConstructor; value: string };
};
