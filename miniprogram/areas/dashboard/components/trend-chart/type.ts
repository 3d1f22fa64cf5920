// a type, not an interface: Component() wants properties it can index
export type TrendChartProps = {
  /** YYYY-MM of each bar */
  months: { type: ArrayConstructor; value: string[] };
  /** percent per month; null where nothing was kept */
  values: { type: ArrayConstructor; value: (number | null)[] };
  /** percent: drawn as a line across the bars */
  target: { type: NumberConstructor; value: number };
};
