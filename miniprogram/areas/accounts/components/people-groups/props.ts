import type { PeopleGroupsProps } from './type';

const props: PeopleGroupsProps = {
  groups: { type: Array, value: [] },
  canAudit: { type: Boolean, value: false },
};

export default props;
