import type { CornerWorkView } from '../../../../../typings/actions/birthdays';

// a type, not an interface: Component() wants properties it can index
export type WorkItemProps = {
  work: { type: ObjectConstructor; value: CornerWorkView | null };
  /** the teacher may pick it for the featured row (or take it off) */
  canFeature: { type: BooleanConstructor; value: boolean };
  busy: { type: BooleanConstructor; value: boolean };
};
