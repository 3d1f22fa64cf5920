import type { ChipsProps } from './type';

const props: ChipsProps = {
  options: { type: Array, value: [] },
  value: { type: Array, value: [] },
  multiple: { type: Boolean, value: false },
};

export default props;
