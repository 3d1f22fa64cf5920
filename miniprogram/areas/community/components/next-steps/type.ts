export interface StepForm {
  text: string;
  /** YYYY-MM-DD or '' */
  due: string;
  /** 6月1日前, for the picker's cell */
  dueText: string;
}

// a type, not an interface: Component() wants properties it can index
export type NextStepsProps = {
  steps: { type: ArrayConstructor; value: StepForm[] };
  /** the visit's day: a step cannot be due before it */
  start: { type: StringConstructor; value: string };
};
