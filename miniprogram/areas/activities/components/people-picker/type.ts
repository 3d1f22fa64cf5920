// a type, not an interface: Component() wants properties it can index
export type PeoplePickerProps = {
  /** who may be picked: id, name and a note (their class) */
  options: { type: ArrayConstructor; value: { id: string; name: string; note: string }[] };
  /** the ids picked */
  value: { type: ArrayConstructor; value: string[] };
};
