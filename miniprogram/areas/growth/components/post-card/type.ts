import type { PostRow } from '../../services/posts';

// a type, not an interface: Component() wants properties it can index
export type PostCardProps = {
  post: { type: ObjectConstructor; value: PostRow | null };
  /** A family's card: the 谢谢老师 (like) button. */
  family: { type: BooleanConstructor; value: boolean };
  /** Shorten the text (lists); the post page shows it whole. */
  brief: { type: BooleanConstructor; value: boolean };
};
