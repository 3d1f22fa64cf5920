// a type, not an interface: Component() wants properties it can index
export type AttendanceListProps = {
  /** who is on the list: id, name, a note (their class, their family) and how they attended ('' not yet) */
  people: { type: ArrayConstructor; value: { id: string; name: string; note: string; status: string; extra?: string }[] };
  /** the list may be changed (from the day on) */
  editable: { type: BooleanConstructor; value: boolean };
};
