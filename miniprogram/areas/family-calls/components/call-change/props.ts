import type { CallChangeProps } from './type';

const props: CallChangeProps = {
  date: { type: String, value: '' },
  time: { type: String, value: '' },
  weekday: { type: Number, value: 0 },
  today: { type: String, value: '' },
  following: { type: Number, value: 0 },
  busy: { type: Boolean, value: false },
};

export default props;
