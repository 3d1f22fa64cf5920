export interface PendingRow {
  id: string;
  /** 林小禾 · 3月1日 入户 */
  line: string;
  /** 等待网络，有网时自动发送 / 未能发送：… */
  state: string;
  failed: boolean;
}

// a type, not an interface: Component() wants properties it can index
export type PendingVisitsProps = {
  items: { type: ArrayConstructor; value: PendingRow[] };
  /** A send is going on. */
  sending: { type: BooleanConstructor; value: boolean };
};
