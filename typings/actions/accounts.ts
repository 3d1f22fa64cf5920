import type { Role } from '../roles';

export interface ClassView {
  id: string;
  schoolId: string;
  grade: number;
  name: string;
  communityId: string | null;
  archived: boolean;
}

export interface CommunityView {
  id: string;
  name: string;
}

export type InviteStatus = 'active' | 'used' | 'expired' | 'revoked';

export interface InviteView {
  id: string;
  role: Role;
  label: string;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  status: InviteStatus;
  createdAt: string;
  expiresAt: string;
  createdBy: string;
}

export interface CreatedInvite extends InviteView {
  /** Shown once, to the inviter; only its hash is stored. */
  code: string;
  /** The mini-program QR scene value (pages/bind/index?scene=...). */
  scene: string;
}

export interface PersonView {
  bindingId: string;
  openid: string;
  nickname: string | null;
  role: Role;
  label: string;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  since: string;
}

/** Where a page of people starts and how long it is (at most 100, the default). */
export interface PeoplePage {
  after?: string;
  limit?: number;
}

export interface AuditView {
  at: string;
  openid: string;
  nickname: string | null;
  /** How the school knows the person in the role they acted in (their binding's label: 林小禾的妈妈, 三年级(1)班 班主任); null if none. */
  label: string | null;
  role: Role | null;
  action: string;
  kind: string;
  childId: string | null;
  /** The child's name; null when the entry names no child or the child's data has been deleted. */
  childName: string | null;
  fields: string[];
  note: string | null;
}

export interface PrivacyNotice {
  version: string;
  title: string;
  paragraphs: string[];
}

export interface ConsentView {
  childId: string;
  status: 'granted' | 'refused' | 'none';
  noticeVersion: string | null;
  by: string | null;
  method: 'wechat' | 'paper' | null;
  at: string | null;
}

export type InviteInput =
  | { role: 'teacher'; schoolId: string; classId?: string; title?: 'head' | 'subject'; label?: string; expiresInDays?: number }
  | { role: 'admin'; schoolId: string; label?: string; expiresInDays?: number }
  | { role: 'community'; communityId: string; label?: string; expiresInDays?: number }
  | { role: 'township'; townshipId: string; label?: string; expiresInDays?: number }
  | { role: 'parent' | 'guardian'; childId: string; relation: string; expiresInDays?: number }
  | { role: 'student'; classId: string; childId?: string; label?: string; expiresInDays?: number };

export interface AccountActions {
  'setup.status': { input: Record<string, never>; output: { initialized: boolean } };
  'setup.claimAdmin': { input: { code: string; schoolName: string }; output: { schoolId: string } };
  'classes.create': { input: { schoolId: string; grade: number; name: string; communityId?: string | null }; output: ClassView };
  'classes.list': { input: { schoolId: string }; output: { classes: ClassView[]; communities: CommunityView[] } };
  'classes.archive': { input: { classId: string }; output: { revokedBindings: number; revokedInvites: number } };
  'communities.create': { input: { schoolId: string; name: string }; output: CommunityView };
  'communities.list': { input: { schoolId: string }; output: { communities: CommunityView[] } };
  'invites.create': { input: InviteInput; output: CreatedInvite };
  'invites.list': { input: { schoolId: string } | { classId: string }; output: { invites: InviteView[] } };
  'invites.revoke': { input: { inviteId: string }; output: { revoked: true } };
  'invites.redeem': { input: { code: string }; output: { bindingId: string; role: Role; label: string } };
  /** One page of the scope's people, oldest role first; `after` is the previous page's `next`; `total` counts every role in the scope. */
  'people.list': { input: ({ schoolId: string } | { classId: string }) & PeoplePage; output: { people: PersonView[]; total: number; next: string | null } };
  'people.revoke': { input: { bindingId: string }; output: { revoked: true } };
  'audit.list': {
    input: { schoolId: string; childId?: string; openid?: string; before?: string; limit?: number };
    output: { entries: AuditView[]; next: string | null };
  };
  'privacy.notice': { input: Record<string, never>; output: PrivacyNotice };
  'consent.record': {
    input: {
      childId: string;
      decision: 'granted' | 'refused';
      noticeVersion: string;
      method: 'wechat' | 'paper';
      signerName?: string;
      signerRelation?: string;
    };
    output: ConsentView;
  };
  'consent.get': { input: { childId: string }; output: ConsentView };
}
