import type { HandOutProps } from './type';

const props: HandOutProps = {
  children: { type: Array, value: [] },
  busy: { type: Boolean, value: false },
  error: { type: String, value: '' },
  done: { type: Object, value: null },
};

export default props;
