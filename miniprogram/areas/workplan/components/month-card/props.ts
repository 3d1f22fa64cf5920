import type { MonthCardProps } from './type';

const props: MonthCardProps = {
  month: { type: Object, value: {} },
  current: { type: String, value: '' },
  editable: { type: Boolean, value: false },
};

export default props;
