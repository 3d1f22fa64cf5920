import type { CareNetworkProps } from './type';

const props: CareNetworkProps = {
  mentor: { type: Object, value: null },
  buddies: { type: Array, value: [] },
  proxies: { type: Array, value: [] },
  ended: { type: Array, value: [] },
  canEdit: { type: Boolean, value: false },
};

export default props;
