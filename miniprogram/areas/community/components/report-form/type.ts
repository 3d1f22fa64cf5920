// a type, not an interface: Component() wants properties it can index
export type ReportFormProps = {
  alertId: { type: StringConstructor; value: string };
  /** A report exists already: a follow-up may be recorded. */
  hasReport: { type: BooleanConstructor; value: boolean };
};
