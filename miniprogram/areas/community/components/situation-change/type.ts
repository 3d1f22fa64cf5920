import type { SituationChangeKind } from '../../../../../typings/domain';

// a type, not an interface: Component() wants properties it can index
export type SituationChangeProps = {
  changed: { type: BooleanConstructor; value: boolean };
  kind: { type: StringConstructor; value: SituationChangeKind | '' };
  note: { type: StringConstructor; value: string };
  /** the field errors of the form, by path (change.kind, change.note) */
  errors: { type: ObjectConstructor; value: Record<string, string> };
};
