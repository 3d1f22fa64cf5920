/**
 * The places and records an access rule can name. A rule says `scope: { call: 'callId' }`: the router loads the
 * call named by input.callId, finds the place it belongs to (school, class, child, community), checks the caller's
 * bindings cover that place, and hands the loaded record to the handler in the grant. Each kind is declared here
 * once, so meta.actions, the access-matrix test and the router all read the same rules.
 */
import { ROLE_LABELS, type Role } from '../../typings/roles';
import type {
  AlertRecord,
  BindingRecord,
  Child,
  Community,
  County,
  FamilyCallOccurrence,
  ImportBatch,
  InviteRecord,
  Pairing,
  Room,
  School,
  SchoolClass,
} from '../../typings/domain';
import { COLLECTION } from './collections';
import { MAY_INVITE } from './invites';
import { FORBIDDEN_SCOPE, type Grant, type Principal, type Target } from './access';
import type { EducationPlanRecord, HelpPlanRecord, TalkRecord } from './talks/records';
import { maySeeAlert, NOT_IN_AUDIENCE } from './alerts/audience';

/** A stored chunk of an export (the first chunk is answered with the export itself; the rest are fetched by seq). */
export interface ExportChunk {
  _id: string;
  exportId: string;
  seq: number;
  data: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Every kind of record a rule can name, and what the router hands the handler for it. */
export interface ScopeRecords {
  school: School;
  class: SchoolClass;
  child: Child;
  community: Community;
  call: FamilyCallOccurrence;
  room: Room;
  binding: BindingRecord;
  invite: InviteRecord;
  alert: AlertRecord;
  pairing: Pairing;
  upload: ImportBatch;
  export: ExportChunk;
  talk: TalkRecord;
  plan: EducationPlanRecord;
  helpPlan: HelpPlanRecord;
  county: County;
}

export type ScopeKind = keyof ScopeRecords;

interface KindSpec<T> {
  collection: string;
  /** Chinese name of the kind (meta.actions, messages). */
  label: string;
  /**
   * The place the record belongs to; null when the record is gone (a removed child answers like an unknown id);
   * 'anywhere' for records that belong to a person rather than a place (their rule's check decides).
   */
  place(record: T): Target | 'anywhere' | null;
  /** The document that holds the record, when it is not the id itself. */
  docId?(id: string): string;
}

const placeOf = (r: { schoolId: string | null; classId?: string | null; childId?: string | null; communityId?: string | null }): Target => ({
  schoolId: r.schoolId ?? '',
  classId: r.classId ?? null,
  childId: r.childId ?? null,
  communityId: r.communityId ?? null,
});

export const SCOPE_KINDS: { [K in ScopeKind]: KindSpec<ScopeRecords[K]> } = {
  school: {
    collection: COLLECTION.schools,
    label: '学校',
    place: (s) => ({ schoolId: s._id, classId: null, childId: null, communityId: null, countyId: s.countyId ?? null }),
  },
  class: {
    collection: COLLECTION.classes,
    label: '班级',
    place: (c) => ({ schoolId: c.schoolId, classId: c._id, childId: null, communityId: c.communityId ?? null, schoolClass: c }),
  },
  child: {
    collection: COLLECTION.children,
    label: '儿童',
    place: (c) => (c.deletedAt ? null : { schoolId: c.schoolId, classId: c.classId, childId: c._id, communityId: c.communityId ?? null, child: c }),
  },
  community: {
    collection: COLLECTION.communities,
    label: '社区',
    place: (c) => ({ schoolId: c.schoolId, classId: null, childId: null, communityId: c._id }),
  },
  call: { collection: COLLECTION.familyCalls, label: '亲情视频', place: (c) => placeOf({ ...c, communityId: null }) },
  room: {
    collection: COLLECTION.rooms,
    label: '关爱室',
    place: (r) => ({ schoolId: r.schoolId, classId: null, childId: null, communityId: null }),
  },
  binding: { collection: COLLECTION.bindings, label: '身份', place: placeOf },
  invite: { collection: COLLECTION.invites, label: '邀请', place: placeOf },
  alert: { collection: COLLECTION.alerts, label: '预警', place: (a) => placeOf({ ...a, communityId: null }) },
  pairing: { collection: COLLECTION.pairings, label: '结对', place: (p) => placeOf({ ...p, communityId: null }) },
  upload: { collection: COLLECTION.importBatches, label: '上传的文件', place: (b) => placeOf({ ...b, childId: null, communityId: null }) },
  // An export is known by its first stored chunk, which carries who made it.
  export: { collection: COLLECTION.exportChunks, label: '导出文件', place: () => 'anywhere', docId: (id) => `${id}-1` },
  talk: { collection: COLLECTION.talks, label: '谈心记录', place: (t) => placeOf({ ...t, communityId: null }) },
  plan: { collection: COLLECTION.educationPlans, label: '个别教育管理方案', place: (p) => placeOf({ ...p, communityId: null }) },
  helpPlan: { collection: COLLECTION.helpPlans, label: '帮扶计划', place: (p) => placeOf({ ...p, communityId: null }) },
  county: { collection: COLLECTION.counties, label: '县', place: (c) => ({ schoolId: '', classId: null, childId: null, communityId: null, countyId: c._id }) },
};

/**
 * Checks a rule may add after the scope is granted, by name (so meta.actions can list them). Each answers the
 * refusal to show, or null when the caller passes.
 */
export interface CheckInput<T = unknown> {
  grant: Grant<T>;
  principal: Principal;
  /** The action's parsed input. */
  input: Record<string, unknown>;
}

export const CHECKS = {
  /** Uploads and exports belong to the person who made them. */
  madeByCaller: {
    label: '仅本人创建的记录',
    refuse: ({ grant, principal }: CheckInput) => ((grant.record as { createdBy?: string } | null)?.createdBy === principal.openid ? null : FORBIDDEN_SCOPE),
  },
  /** Invites and bindings: only roles the caller's role may hand out (an admin any role, a teacher families and students). */
  mayManageRole: {
    label: '仅自己有权邀请的身份',
    refuse: ({ grant }: CheckInput) => (MAY_INVITE[grant.role].includes((grant.record as { role: Role }).role) ? null : '无权管理该身份'),
  },
  /** A new invite: only for a role the caller's role may hand out (the role the input names). */
  mayInviteRole: {
    label: '仅可邀请自己有权邀请的身份',
    refuse: ({ grant, input }: CheckInput) => {
      const role = input.role as Role;
      return MAY_INVITE[grant.role].includes(role) ? null : `${ROLE_LABELS[grant.role]}不能邀请${ROLE_LABELS[role] ?? '该身份'}`;
    },
  },
  /** A family call: staff, or one of the parents invited to it. */
  invitedToCall: {
    label: '教师或被邀请的家长',
    refuse: ({ grant, principal }: CheckInput) => {
      if (grant.role === 'admin' || grant.role === 'teacher') return null;
      const call = grant.record as FamilyCallOccurrence;
      const mine = new Set(principal.bindings.map((b) => b._id));
      return call.parentBindingIds.some((id) => mine.has(id)) ? null : '这次通话没有邀请您';
    },
  },
  /** A whole school's view is the admin's; teachers name their class. */
  schoolWideIsAdmin: {
    label: '全校范围仅管理员',
    refuse: ({ grant }: CheckInput) =>
      grant.target && !grant.target.classId && !grant.target.childId && grant.role !== 'admin' ? '全校范围仅限管理员，请选择班级' : null,
  },
  /** A restricted alert (a suspected harm): the admins and the people it names. */
  inAlertAudience: {
    label: '受限预警仅管理员和指定的人',
    refuse: ({ grant, principal }: CheckInput) =>
      maySeeAlert(grant.record as AlertRecord, { role: grant.role, openid: principal.openid }) ? null : NOT_IN_AUDIENCE,
  },
  /** A school's dashboard: the admin and the county; teachers name their class. */
  schoolWideIsAdminOrCounty: {
    label: '全校范围仅管理员和县教育局',
    refuse: ({ grant }: CheckInput) =>
      grant.target && !grant.target.classId && grant.role !== 'admin' && grant.role !== 'county' ? '全校范围仅限管理员，请选择班级' : null,
  },
} as const;

export type CheckName = keyof typeof CHECKS;
