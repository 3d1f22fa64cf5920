import type { Role } from '../roles';

/** One role a person holds, in one scope. */
export interface BindingView {
  id: string;
  role: Role;
  schoolId: string | null;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  /** A 儿童督导员's township. */
  townshipId: string | null;
  /** Human-readable scope, e.g. "三年级(2)班" or "王小明的家长". */
  label: string;
  /** For a binding that names a child (family, mentor, student): the child's name. */
  childName: string | null;
}

export interface WhoAmI {
  /** The caller's own OPENID, from the cloud context. */
  openid: string;
  nickname: string | null;
  bindings: BindingView[];
  /** Unread messages in the in-app inbox (消息中心), for the home badge. */
  unread: number;
  /** True when the functions run inside the local emulator. */
  local: boolean;
}

export interface ActionDescription {
  action: string;
  /** The access rule in words, e.g. "admin,teacher scope=call(callId) check=invitedToCall". */
  access: string;
  roles: Role[] | 'anyone';
  /**
   * Where it acts: the record kinds it is checked against with the input field naming each (`call(callId)`),
   * `mine` (falls back to the caller's class or school), `own` (only the caller's own records), `deployment`; null
   * for rules without a scope (anyone, admin tooling).
   */
  scope: string | null;
  /** The named checks the rule adds (core/scopes.ts CHECKS), with their meaning in Chinese. */
  checks: { name: string; label: string }[];
  inputSchema: unknown;
}

export interface SystemActions {
  whoami: { input: Record<string, never>; output: WhoAmI };
  'meta.actions': { input: Record<string, never>; output: { actions: ActionDescription[] } };
}
