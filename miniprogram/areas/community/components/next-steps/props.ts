import type { NextStepsProps } from './type';

const props: NextStepsProps = {
  steps: { type: Array, value: [] },
  start: { type: String, value: '' },
};

export default props;
