// a type, not an interface: Component() wants properties it can index
export type ConfirmDialogProps = {
  visible: { type: BooleanConstructor; value: boolean };
  title: { type: StringConstructor; value: string };
  /** what will happen, in a sentence */
  content: { type: StringConstructor; value: string };
  /** the confirming button, e.g. 确认移除 */
  confirmText: { type: StringConstructor; value: string };
  /** the confirming button's colour: 'danger' (red) for what cannot be taken back, 'primary' for a confirmation */
  theme: { type: StringConstructor; value: 'danger' | 'primary' };
  /** while the action runs: the buttons wait and the dialog stays */
  busy: { type: BooleanConstructor; value: boolean };
};
