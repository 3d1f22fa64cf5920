import type { WorkItemProps } from './type';

const props: WorkItemProps = {
  work: { type: Object, value: null },
  canFeature: { type: Boolean, value: false },
  busy: { type: Boolean, value: false },
};

export default props;
