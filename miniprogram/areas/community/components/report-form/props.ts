import type { ReportFormProps } from './type';

const props: ReportFormProps = {
  alertId: { type: String, value: '' },
  hasReport: { type: Boolean, value: false },
};

export default props;
