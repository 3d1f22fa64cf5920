import type { ExamRecord } from '../../../../../typings/domain';

// a type, not an interface: Component() wants properties it can index
export type ExamRecordsProps = {
  /** the child's exams, oldest first */
  exams: { type: ArrayConstructor; value: ExamRecord[] };
  /** the server's error for them, if a save was refused */
  error: { type: StringConstructor; value: string };
};
