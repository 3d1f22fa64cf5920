import type { ExamRecordsProps } from './type';

const props: ExamRecordsProps = {
  exams: { type: Array, value: [] },
  error: { type: String, value: '' },
};

export default props;
