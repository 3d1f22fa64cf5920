import type { VisitRowView } from '../../services/rows';

// a type, not an interface: Component() wants properties it can index
export type VisitListProps = {
  visits: { type: ArrayConstructor; value: VisitRowView[] };
};
