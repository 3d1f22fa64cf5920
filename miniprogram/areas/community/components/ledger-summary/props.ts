import type { LedgerSummaryProps } from './type';

const props: LedgerSummaryProps = {
  cells: { type: Array, value: [] },
  allowance: { type: Array, value: [] },
  entries: { type: Array, value: [] },
  withEntries: { type: Boolean, value: true },
};

export default props;
