// a type, not an interface: Component() wants properties it can index
export type NoteFormProps = {
  /** 'diary' (成长日记) or 'counselling' (心理辅导记录) */
  kind: { type: StringConstructor; value: 'diary' | 'counselling' };
  /** the days a note may carry: from the child's archive to today */
  first: { type: StringConstructor; value: string };
  today: { type: StringConstructor; value: string };
  /** saving: the button waits */
  busy: { type: BooleanConstructor; value: boolean };
  /** counts the saves: each one clears the form */
  saves: { type: NumberConstructor; value: number };
  /** the server's word, if the save was refused */
  error: { type: StringConstructor; value: string };
};
