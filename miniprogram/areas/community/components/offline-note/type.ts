// a type, not an interface: Component() wants properties it can index
export type OfflineNoteProps = {
  /** When the shown data was loaded ("3月1日 10:05"), when it is a kept copy; '' when it is fresh. */
  keptAt: { type: StringConstructor; value: string };
  /** What is shown: 登记册, 孩子的情况 */
  what: { type: StringConstructor; value: string };
};
