// a type, not an interface: Component() wants properties it can index
export type DateFieldProps = {
  /** what the day is, beside it and in the picker's title: 出生日期, 从哪天起 */
  label: { type: StringConstructor; value: string };
  /** the day as it travels, "YYYY-MM-DD"; '' for none yet */
  value: { type: StringConstructor; value: string };
  /** shown while there is no day, e.g. 不填为今天 */
  placeholder: { type: StringConstructor; value: string };
  /** the first and last day the picker offers, "YYYY-MM-DD" ('' for ten years either side of today) */
  start: { type: StringConstructor; value: string };
  end: { type: StringConstructor; value: string };
  /** where the picker opens while there is no day yet, "YYYY-MM-DD" ('' for today) */
  initial: { type: StringConstructor; value: string };
  /** 'always' for days that are history (a birth date, an exam): 2017年9月12日; 'auto' leaves out this year */
  year: { type: StringConstructor; value: 'always' | 'auto' };
  /** the field is marked as wrong (its message is the page's to show) */
  error: { type: BooleanConstructor; value: boolean };
};
