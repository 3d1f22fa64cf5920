// a type, not an interface: Component() wants properties it can index
export type RateCardProps = {
  /** the rate as the server counts it (typings/actions/dashboard.ts RateView) */
  rate: { type: ObjectConstructor; value: Record<string, unknown> };
  /** tappable: emits `open` { key } (the children behind the rate) */
  tappable: { type: BooleanConstructor; value: boolean };
  /** one line instead of two (the county's table of schools) */
  compact: { type: BooleanConstructor; value: boolean };
};
