// a type, not an interface: Component() wants properties it can index
export type HandOutProps = {
  /** the children present at the activity (only they can be given anything here): id, name, what they already got */
  children: { type: ArrayConstructor; value: { id: string; name: string; note: string }[] };
  /** the hand-out is being saved */
  busy: { type: BooleanConstructor; value: boolean };
  /** the server's refusal to show */
  error: { type: StringConstructor; value: string };
  /** after a save: what was recorded, and the children whose ledger it went to */
  done: { type: ObjectConstructor; value: { text: string; children: { id: string; name: string }[] } | null };
};
