import type { FollowUpsProps } from './type';

const props: FollowUpsProps = {
  open: { type: Array, value: [] },
  value: { type: Array, value: [] },
};

export default props;
