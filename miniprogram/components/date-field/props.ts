import type { DateFieldProps } from './type';

const props: DateFieldProps = {
  label: { type: String, value: '' },
  value: { type: String, value: '' },
  placeholder: { type: String, value: '请选择' },
  start: { type: String, value: '' },
  end: { type: String, value: '' },
  initial: { type: String, value: '' },
  year: { type: String, value: 'auto' },
  error: { type: Boolean, value: false },
};

export default props;
