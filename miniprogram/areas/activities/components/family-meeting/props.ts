import type { FamilyMeetingProps } from './type';

const props: FamilyMeetingProps = {
  meeting: { type: Object, value: null },
  when: { type: String, value: '' },
  busy: { type: Boolean, value: false },
  error: { type: String, value: '' },
};

export default props;
