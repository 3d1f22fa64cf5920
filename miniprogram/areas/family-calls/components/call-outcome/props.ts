import type { CallOutcomeProps } from './type';

const props: CallOutcomeProps = {
  call: { type: Object, value: null },
  busy: { type: Boolean, value: false },
};

export default props;
