import type { InviteRow } from '../../services/people';

// a type, not an interface: Component() wants properties it can index
export type InviteListProps = {
  /** the invites sent in the scope (services/people.ts inviteRows()) */
  invites: { type: ArrayConstructor; value: InviteRow[] };
};
