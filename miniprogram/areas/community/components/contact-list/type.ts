import type { ContactCardView } from '../../../../../typings/actions/archive';

// a type, not an interface: Component() wants properties it can index
export type ContactListProps = {
  /** the child's contact card as the role may see it; null: none yet */
  card: { type: ObjectConstructor; value: ContactCardView | null };
};
