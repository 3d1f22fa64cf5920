import type { TalkView } from '../../../../../typings/actions/talks';

// a type, not an interface: Component() wants properties it can index
export type TalkCardProps = {
  /** the card to show (internal: staff only) */
  talk: { type: ObjectConstructor; value: TalkView | null };
};
