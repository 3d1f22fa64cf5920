import type { PeoplePickerProps } from './type';

const props: PeoplePickerProps = {
  options: { type: Array, value: [] },
  value: { type: Array, value: [] },
};

export default props;
