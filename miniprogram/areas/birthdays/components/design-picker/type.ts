// a type, not an interface: Component() wants properties it can index
export type DesignPickerProps = {
  /** the design picked (CardDesign) */
  value: { type: StringConstructor; value: string };
};
