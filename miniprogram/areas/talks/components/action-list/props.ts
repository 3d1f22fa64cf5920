import type { ActionListProps } from './type';

const props: ActionListProps = {
  actions: { type: Array, value: [] },
  from: { type: String, value: '' },
  error: { type: String, value: '' },
};

export default props;
