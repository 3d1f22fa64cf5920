import type { InviteFormProps } from './type';

const props: InviteFormProps = {
  viewer: { type: String, value: 'teacher' },
  schoolId: { type: String, value: '' },
  classId: { type: String, value: '' },
};

export default props;
