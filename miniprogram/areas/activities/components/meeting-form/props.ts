import type { MeetingFormProps } from './type';

const props: MeetingFormProps = {
  children: { type: Array, value: [] },
  today: { type: String, value: '' },
  busy: { type: Boolean, value: false },
  error: { type: String, value: '' },
};

export default props;
