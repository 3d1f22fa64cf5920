import type { InviteListProps } from './type';

const props: InviteListProps = {
  invites: { type: Array, value: [] },
};

export default props;
