import type { Viewer } from '../../services/people';

// a type, not an interface: Component() wants properties it can index
export type InviteFormProps = {
  /** who is inviting: an admin (the school) or a teacher (their class) */
  viewer: { type: StringConstructor; value: Viewer };
  schoolId: { type: StringConstructor; value: string };
  /** the teacher's class, chosen for family invites */
  classId: { type: StringConstructor; value: string };
};
