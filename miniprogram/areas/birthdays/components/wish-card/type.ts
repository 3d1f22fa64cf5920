// a type, not an interface: Component() wants properties it can index
export type WishCardProps = {
  /** the card design (CardDesign): its colour and picture */
  design: { type: StringConstructor; value: string };
  text: { type: StringConstructor; value: string };
  /** who signed it: 星辰同学, 班主任 */
  from: { type: StringConstructor; value: string };
  /** a small line under the card: its state for the sender (等老师看过), the birthday it is for */
  note: { type: StringConstructor; value: string };
};
