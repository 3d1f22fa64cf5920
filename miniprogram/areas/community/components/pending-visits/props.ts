import type { PendingVisitsProps } from './type';

const props: PendingVisitsProps = {
  items: { type: Array, value: [] },
  sending: { type: Boolean, value: false },
};

export default props;
