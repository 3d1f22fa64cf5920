import type { AttendanceListProps } from './type';

const props: AttendanceListProps = {
  people: { type: Array, value: [] },
  editable: { type: Boolean, value: true },
};

export default props;
