import type { Group } from '../../services/people';

// a type, not an interface: Component() wants properties it can index
export type PeopleGroupsProps = {
  /** the people by role (services/people.ts groups()) */
  groups: { type: ArrayConstructor; value: Group[] };
  /** whether 记录 (the person's audit log) is offered: admins only */
  canAudit: { type: BooleanConstructor; value: boolean };
};
