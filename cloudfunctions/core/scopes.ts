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
  AssistanceEntry,
  Township,
  Visit,
} from '../../typings/domain';
import { COLLECTION } from './collections';
import { MAY_INVITE } from './invites';
import { FORBIDDEN_SCOPE, type Grant, type Principal, type Target } from './access';
import type { ContactChange, GrowthPost, GrowthUpload } from './growth/records';
import type { EducationPlanRecord, HelpPlanRecord, TalkRecord } from './talks/records';
import { mayReport, maySeeAlert, NOT_IN_AUDIENCE } from './alerts/audience';
import type { CornerWorkRecord, WishRecord } from './wishes/records';
import type { SymposiumRecord } from './talks/records';
import type { ActivityRecord } from './activities/records';
import type { WorkPlanRecord } from './workPlan/records';

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
  post: GrowthPost;
  photoUpload: GrowthUpload;
  contactChange: ContactChange;
  // community work
  township: Township;
  visit: Visit;
  assistance: AssistanceEntry;
  talk: TalkRecord;
  plan: EducationPlanRecord;
  helpPlan: HelpPlanRecord;
  // birthdays, wish cards and the class corner
  wish: WishRecord;
  work: CornerWorkRecord;
  county: County;
  // activities, and parent meetings and symposiums (a meeting is a symposium record)
  activity: ActivityRecord;
  meeting: SymposiumRecord;
  workPlan: WorkPlanRecord;
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
  /** People the record names, who reach it from any of their bindings in its school (a restricted alert's audience). */
  named?(record: T): string[] | null | undefined;
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
  // An alert belongs to the child's class and home community: the 儿童主任 and 儿童督导员 reach it too.
  // A restricted alert's audience reaches it wherever they teach in the school: they are told of it (core/alerts/deliver.ts).
  alert: { collection: COLLECTION.alerts, label: '预警', place: placeOf, named: (a) => a.audience },
  pairing: { collection: COLLECTION.pairings, label: '结对', place: (p) => placeOf({ ...p, communityId: null }) },
  upload: { collection: COLLECTION.importBatches, label: '上传的文件', place: (b) => placeOf({ ...b, childId: null, communityId: null }) },
  // An export is known by its first stored chunk, which carries who made it.
  export: { collection: COLLECTION.exportChunks, label: '导出文件', place: () => 'anywhere', docId: (id) => `${id}-1` },
  // A child's post belongs to the child (their family, class teacher, mentor); a class post to the class (its teachers).
  post: { collection: COLLECTION.growthPosts, label: '成长动态', place: (p) => placeOf({ ...p, communityId: null }) },
  photoUpload: { collection: COLLECTION.growthUploads, label: '照片上传', place: (u) => placeOf({ ...u, communityId: null }) },
  contactChange: { collection: COLLECTION.contactChanges, label: '联系方式修改', place: (c) => placeOf({ ...c, communityId: null }) },
  // community work: a township (its 儿童督导员), a home visit and an assistance entry (the child's class and community)
  township: {
    collection: COLLECTION.townships,
    label: '乡镇',
    place: (t) => ({ schoolId: t.schoolId, classId: null, childId: null, communityId: null, townshipId: t._id }),
  },
  visit: { collection: COLLECTION.visits, label: '走访记录', place: placeOf },
  assistance: { collection: COLLECTION.assistance, label: '帮扶记录', place: placeOf },
  talk: { collection: COLLECTION.talks, label: '谈心记录', place: (t) => placeOf({ ...t, communityId: null }) },
  plan: { collection: COLLECTION.educationPlans, label: '个别教育管理方案', place: (p) => placeOf({ ...p, communityId: null }) },
  helpPlan: { collection: COLLECTION.helpPlans, label: '帮扶计划', place: (p) => placeOf({ ...p, communityId: null }) },
  // A card and a work belong to their class: its teachers moderate them (not a mentor of one child).
  wish: { collection: COLLECTION.wishes, label: '生日贺卡', place: (w) => placeOf({ ...w, childId: null, communityId: null }) },
  work: { collection: COLLECTION.cornerWorks, label: '爱心天地作品', place: (w) => placeOf({ ...w, childId: null, communityId: null }) },
  county: { collection: COLLECTION.counties, label: '县', place: (c) => ({ schoolId: '', classId: null, childId: null, communityId: null, countyId: c._id }) },
  // an activity or a meeting belongs to its class (its teachers), or to the school (the admin) when it has none
  activity: { collection: COLLECTION.activities, label: '活动', place: (a) => placeOf({ ...a, childId: null, communityId: null }) },
  meeting: { collection: COLLECTION.symposiums, label: '会议', place: (m) => placeOf({ ...m, childId: null, communityId: null }) },
  // A school's plan for a term belongs to the school (its admin edits it).
  workPlan: { collection: COLLECTION.workPlans, label: '工作计划', place: (p) => ({ schoolId: p.schoolId, classId: null, childId: null, communityId: null }) },
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
  /** Decisions for a class (publishing a held post, a family's contact change): its teachers, not a mentor of one child. */
  classStaff: {
    label: '班级的老师（不含只帮扶一个孩子的老师）',
    refuse: ({ grant }: CheckInput) => (grant.role === 'teacher' && grant.binding.childId ? '请班主任处理' : null),
  },
  /** A post is removed by its author or the class's teachers. */
  authorOrClassStaff: {
    label: '动态的作者或班级的老师',
    refuse: ({ grant, principal }: CheckInput) =>
      grant.role === 'teacher' && grant.binding.childId && (grant.record as GrowthPost).authorOpenid !== principal.openid ? '只能删除自己发的动态' : null,
  },
  /**
   * 强制报告 steps on an alert are recorded and read by the admin, the child's mentor (帮扶教师), 儿童主任 and
   * 儿童督导员 (and the teachers a restricted alert names); a class teacher who is not the child's mentor tells the admin.
   */
  mayReport: {
    label: '管理员、帮扶教师、儿童主任或儿童督导员',
    refuse: ({ grant, principal }: CheckInput) =>
      mayReport(grant.record as AlertRecord, { role: grant.role, openid: principal.openid, bindings: principal.bindings })
        ? null
        : '只有帮扶教师、管理员、儿童主任和儿童督导员可以登记强制报告',
  },
  /** A whole school's ledger is the admin's; a 儿童主任 or 儿童督导员 names their community. */
  schoolScopeIsAdmin: {
    label: '全校范围仅管理员',
    refuse: ({ grant }: CheckInput) => {
      const t = grant.target;
      const wholeSchool = t && !t.classId && !t.childId && !t.communityId && !t.townshipId;
      return wholeSchool && grant.role !== 'admin' ? '全校范围仅限管理员，请选择社区/村' : null;
    },
  },
  /** A restricted alert (a suspected harm): the admins and the people it names. */
  inAlertAudience: {
    label: '受限预警仅管理员和指定的人',
    refuse: ({ grant, principal }: CheckInput) =>
      maySeeAlert(grant.record as AlertRecord, { role: grant.role, openid: principal.openid }) ? null : NOT_IN_AUDIENCE,
  },
  /** A child's wall of cards: a student reads only their own, or the class's shared account (a binding naming no child). */
  seesWall: {
    label: '学生仅本人或班级共用账号',
    refuse: ({ grant }: CheckInput) =>
      grant.role !== 'student' || !grant.binding.childId || grant.binding.childId === grant.target?.childId ? null : '只有过生日的同学本人和家人能看贺卡墙',
  },
  /** A school's dashboard: the admin and the county; teachers name their class. */
  schoolWideIsAdminOrCounty: {
    label: '全校范围仅管理员和县教育局',
    refuse: ({ grant }: CheckInput) =>
      grant.target && !grant.target.classId && grant.role !== 'admin' && grant.role !== 'county' ? '全校范围仅限管理员，请选择班级' : null,
  },
} as const;

export type CheckName = keyof typeof CHECKS;
