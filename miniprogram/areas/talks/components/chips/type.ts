// a type, not an interface: Component() wants properties it can index
export type ChipsProps = {
  /** the choices: value and the label shown */
  options: { type: ArrayConstructor; value: { value: string | number; label: string }[] };
  /** the chosen values (one at most unless `multiple`) */
  value: { type: ArrayConstructor; value: (string | number)[] };
  /** more than one may be chosen */
  multiple: { type: BooleanConstructor; value: boolean };
};
