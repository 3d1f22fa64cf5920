import type { PairingRow } from '../../services/child-view';

// a type, not an interface: Component() wants properties it can index
export type CareNetworkProps = {
  mentor: { type: ObjectConstructor; value: PairingRow | null };
  buddies: { type: ArrayConstructor; value: PairingRow[] };
  proxies: { type: ArrayConstructor; value: PairingRow[] };
  ended: { type: ArrayConstructor; value: PairingRow[] };
  /** staff who may end a pairing */
  canEdit: { type: BooleanConstructor; value: boolean };
};
