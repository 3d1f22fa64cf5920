// a type, not an interface: Component() wants properties it can index
export type MonthCardProps = {
  /** one month of the plan: { month, label, items } (typings/actions/workPlan.ts WorkPlanView months) */
  month: { type: ObjectConstructor; value: Record<string, unknown> };
  /** the month the plan stands at (YYYY-MM): marked 本月 */
  current: { type: StringConstructor; value: string };
  /** items are tappable: emits `open` { id } */
  editable: { type: BooleanConstructor; value: boolean };
};
