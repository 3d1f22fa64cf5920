/** Invitations: who may invite whom, into which scope, and how an invite looks to the inviter. */
import type { Role } from '../../typings/roles';
import type { InviteStatus, InviteView } from '../../typings/actions/accounts';
import type { InviteRecord } from '../../typings/domain';

export type { InviteRecord };


/** Which roles each inviter role may hand out. */
export const MAY_INVITE: Record<Role, Role[]> = {
  admin: ['admin', 'teacher', 'community', 'parent', 'guardian', 'student'],
  teacher: ['parent', 'guardian', 'student'],
  parent: [],
  guardian: [],
  student: [],
  community: [],
};

export const DEFAULT_INVITE_DAYS = 7;

export function inviteStatus(invite: InviteRecord, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.usedAt) return 'used';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function inviteView(invite: InviteRecord, now: Date): InviteView {
  return {
    id: invite._id,
    role: invite.role,
    label: invite.label,
    classId: invite.classId,
    childId: invite.childId,
    communityId: invite.communityId,
    status: inviteStatus(invite, now),
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    createdBy: invite.createdBy,
  };
}
