/**
 * The database's collections. What each holds and its indexes are data, in cloudbase/collections.json (the emulator
 * and the deploy script read that file too); here are their names for code, so a typo is a compile error.
 */
import declared from '../../cloudbase/collections.json';

export interface IndexDeclaration {
  collection: string;
  name: string;
  /** Field paths (dot notation) with direction. */
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionDeclaration {
  name: string;
  /** What the collection holds, for the deploy dry run and the next engineer. */
  purpose: string;
  /** The field naming the child a document belongs to: drives export and deletion of a child's data. */
  childKey?: string;
  indexes: Omit<IndexDeclaration, 'collection'>[];
}

export const COLLECTIONS = declared.collections as CollectionDeclaration[];

/** Every collection name; a test keeps this list and the data file equal. */
export const COLLECTION = {
  schools: 'schools',
  classes: 'classes',
  communities: 'communities',
  children: 'children',
  users: 'users',
  bindings: 'bindings',
  settings: 'settings',
  invites: 'invites',
  redeemAttempts: 'redeemAttempts',
  auditLog: 'auditLog',
  consents: 'consents',
  rooms: 'rooms',
  schoolCalendars: 'schoolCalendars',
  familyCallSeries: 'familyCallSeries',
  familyCalls: 'familyCalls',
  slotLocks: 'slotLocks',
  callAvailability: 'callAvailability',
  phoneCalls: 'phoneCalls',
  contactCards: 'contactCards',
  archiveHistory: 'archiveHistory',
  pairings: 'pairings',
  alerts: 'alerts',
  importBatches: 'importBatches',
  importChunks: 'importChunks',
  exportChunks: 'exportChunks',
  outbox: 'outbox',
  inbox: 'inbox',
  subscriptions: 'subscriptions',
  jobState: 'jobState',
  growthPosts: 'growthPosts',
  growthUploads: 'growthUploads',
  growthReplies: 'growthReplies',
  growthLikes: 'growthLikes',
  photoConsents: 'photoConsents',
  contactChanges: 'contactChanges',
  studyShares: 'studyShares',
  // community work: townships, home visits, the assistance ledger
  townships: 'townships',
  visits: 'visits',
  assistance: 'assistance',
  talks: 'talks',
  educationPlans: 'educationPlans',
  helpPlans: 'helpPlans',
  counselling: 'counselling',
  growthDiary: 'growthDiary',
  symposiums: 'symposiums',
  symposiumAttendance: 'symposiumAttendance',
  wishes: 'wishes',
  cornerWorks: 'cornerWorks',
  wishSettings: 'wishSettings',
  birthdayChoices: 'birthdayChoices',
  birthdayOptIns: 'birthdayOptIns',
  counties: 'counties',
  dashboardSnapshots: 'dashboardSnapshots',
  schoolCounts: 'schoolCounts',
  classCounts: 'classCounts',
  activities: 'activities',
  activityAttendance: 'activityAttendance',
  meetingInvitations: 'meetingInvitations',
  honours: 'honours',
  // the school's reports: the term's 工作总结 drafts
  workSummaries: 'workSummaries',
  workPlans: 'workPlans',
} as const;

export type CollectionName = (typeof COLLECTION)[keyof typeof COLLECTION];

/** Collections that hold a child's data, with the field that names the child. */
export function childDataCollections(): { name: string; childKey: string }[] {
  return COLLECTIONS.filter((c) => c.childKey).map((c) => ({ name: c.name, childKey: c.childKey as string }));
}
