import type { EntryRowView } from '../../services/rows';

// a type, not an interface: Component() wants properties it can index
export type LedgerSummaryProps = {
  /** the totals as label/value cells (services/rows.ts totalCells) */
  cells: { type: ArrayConstructor; value: { label: string; value: string }[] };
  /** 低保 changes, oldest first: 2026年1月1日起 245.00 元 */
  allowance: { type: ArrayConstructor; value: string[] };
  entries: { type: ArrayConstructor; value: EntryRowView[] };
  /** false: the totals only (an overview) */
  withEntries: { type: BooleanConstructor; value: boolean };
};
