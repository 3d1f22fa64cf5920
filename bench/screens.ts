/**
 * The first screens: for every page of the mini-program and every role that opens it, the call the page makes on
 * load (its loadScreen call under miniprogram/). One table, read by the depth test (tests/api/first-screens.test.ts)
 * on the demo school and by the bench on the county dataset; each dataset supplies the ids a page's query carries.
 * A page whose load makes two calls at once (Promise.all) has a row for each; one that asks whoami first has whoami's
 * row on the home page and its own call here.
 */
import { DEMO_OPENIDS } from '../scripts/demo-data';

/** The ids a page is opened with: who opens it and what its url names. */
export interface ScreenIds {
  openid: {
    admin: string;
    teacher: string;
    parent: string;
    guardian: string;
    student: string;
    community: string;
    township: string;
    county: string;
    newcomer: string;
  };
  schoolId: string;
  classId: string;
  /** The parent's (and the teacher's) child, in the teacher's class and the community worker's community. */
  childId: string;
  communityId: string;
  townshipId: string;
  /** The student's classmate whose birthday wall / card the student opens. */
  wishChildId: string;
  month: string;
  callId: string;
  talkId: string;
  postId: string;
  planId: string;
  helpPlanId: string;
  /** An alert about the child (a visit's or a talk's: one mandatory report for both); empty when the dataset has none. */
  alertId: string;
}

export type Role = keyof ScreenIds['openid'];

export interface Screen {
  /** The page's name in miniprogram/services/routes.ts. */
  page: string;
  role: Role;
  action: string;
  input: (ids: ScreenIds) => Record<string, unknown>;
  /** The row needs an id the dataset may lack (the test says so, the bench skips it). */
  needs?: keyof ScreenIds;
}

const ROLES_WITH_HOME: Role[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community', 'township', 'county'];

export const SCREENS: Screen[] = [
  ...ROLES_WITH_HOME.map((role): Screen => ({ page: 'home', role, action: 'whoami', input: () => ({}) })),
  { page: 'bind', role: 'newcomer', action: 'setup.status', input: () => ({}) },
  { page: 'inbox', role: 'teacher', action: 'inbox.list', input: () => ({ limit: 20 }) },
  { page: 'inbox', role: 'parent', action: 'inbox.list', input: () => ({ limit: 20 }) },
  // accounts and privacy
  { page: 'people', role: 'admin', action: 'people.list', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'people', role: 'admin', action: 'invites.list', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'consent', role: 'parent', action: 'privacy.notice', input: () => ({}) },
  { page: 'consent', role: 'parent', action: 'consent.get', input: (ids) => ({ childId: ids.childId }) },
  { page: 'audit', role: 'admin', action: 'audit.list', input: (ids) => ({ schoolId: ids.schoolId, limit: 20 }) },
  // archive
  { page: 'roster', role: 'teacher', action: 'archive.roster', input: (ids) => ({ classId: ids.classId }) },
  { page: 'child', role: 'teacher', action: 'children.get', input: (ids) => ({ childId: ids.childId }) },
  { page: 'child', role: 'parent', action: 'children.get', input: (ids) => ({ childId: ids.childId }) },
  { page: 'cardRound', role: 'teacher', action: 'contactCards.round', input: (ids) => ({ classId: ids.classId }) },
  { page: 'pairing', role: 'teacher', action: 'care.candidates', input: (ids) => ({ childId: ids.childId }) },
  { page: 'alerts', role: 'admin', action: 'alerts.list', input: (ids) => ({ schoolId: ids.schoolId, status: 'open' }) },
  // family calls
  { page: 'week', role: 'teacher', action: 'familyCalls.week', input: (ids) => ({ classId: ids.classId }) },
  { page: 'week', role: 'admin', action: 'familyCalls.week', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'book', role: 'teacher', action: 'familyCalls.plan', input: (ids) => ({ childId: ids.childId }) },
  { page: 'nextCall', role: 'parent', action: 'familyCalls.mine', input: () => ({}) },
  { page: 'nextCall', role: 'guardian', action: 'familyCalls.mine', input: () => ({}) },
  { page: 'record', role: 'teacher', action: 'familyCalls.get', input: (ids) => ({ callId: ids.callId }), needs: 'callId' },
  { page: 'rooms', role: 'admin', action: 'rooms.list', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'calendar', role: 'admin', action: 'calendar.get', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'coverage', role: 'teacher', action: 'familyCalls.coverage', input: (ids) => ({ classId: ids.classId }) },
  { page: 'coverage', role: 'teacher', action: 'care.coverage', input: (ids) => ({ classId: ids.classId }) },
  { page: 'coverage', role: 'admin', action: 'familyCalls.coverage', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'coverage', role: 'admin', action: 'care.coverage', input: (ids) => ({ schoolId: ids.schoolId }) },
  // reminders and the school's set-up
  { page: 'reminders', role: 'parent', action: 'reminders.mine', input: () => ({}) },
  { page: 'reminders', role: 'teacher', action: 'reminders.mine', input: () => ({}) },
  { page: 'reminderAdmin', role: 'admin', action: 'reminders.outbox', input: (ids) => ({ schoolId: ids.schoolId, limit: 50 }) },
  { page: 'school', role: 'admin', action: 'classes.list', input: (ids) => ({ schoolId: ids.schoolId }) },
  // 成长动态
  { page: 'growthHome', role: 'parent', action: 'parent.home', input: () => ({}) },
  { page: 'growthHome', role: 'guardian', action: 'parent.home', input: () => ({}) },
  { page: 'growthPost', role: 'parent', action: 'posts.get', input: (ids) => ({ postId: ids.postId, childId: ids.childId }), needs: 'postId' },
  { page: 'growthCompose', role: 'teacher', action: 'posts.composer', input: (ids) => ({ classId: ids.classId }) },
  { page: 'growthClass', role: 'teacher', action: 'posts.list', input: (ids) => ({ classId: ids.classId }) },
  { page: 'contactChanges', role: 'teacher', action: 'contactChanges.list', input: (ids) => ({ classId: ids.classId }) },
  { page: 'photoConsent', role: 'parent', action: 'photoConsent.get', input: (ids) => ({ childId: ids.childId }) },
  { page: 'studyShare', role: 'teacher', action: 'parent.shareStudy', input: (ids) => ({ childId: ids.childId }) },
  // community work
  { page: 'register', role: 'community', action: 'community.children', input: (ids) => ({ communityId: ids.communityId }) },
  { page: 'communityChild', role: 'community', action: 'community.child', input: (ids) => ({ childId: ids.childId }) },
  { page: 'ledger', role: 'community', action: 'assistance.ledger', input: (ids) => ({ communityId: ids.communityId }) },
  { page: 'assist', role: 'community', action: 'assistance.ledger', input: (ids) => ({ childId: ids.childId }) },
  { page: 'township', role: 'township', action: 'community.township', input: (ids) => ({ townshipId: ids.townshipId }) },
  { page: 'alert', role: 'community', action: 'alerts.get', input: (ids) => ({ alertId: ids.alertId }), needs: 'alertId' },
  // talks
  { page: 'talksMonth', role: 'teacher', action: 'talks.month', input: (ids) => ({ classId: ids.classId, month: ids.month }) },
  { page: 'talksMonth', role: 'teacher', action: 'talks.mine', input: (ids) => ({ month: ids.month }) },
  { page: 'talksMonth', role: 'admin', action: 'talks.month', input: (ids) => ({ schoolId: ids.schoolId, month: ids.month }) },
  { page: 'talksChild', role: 'teacher', action: 'talks.child', input: (ids) => ({ childId: ids.childId }) },
  { page: 'talkCard', role: 'teacher', action: 'talks.get', input: (ids) => ({ talkId: ids.talkId }), needs: 'talkId' },
  { page: 'talkPlan', role: 'teacher', action: 'plans.get', input: (ids) => ({ planId: ids.planId }), needs: 'planId' },
  { page: 'helpPlan', role: 'teacher', action: 'helpPlans.get', input: (ids) => ({ childId: ids.childId }) },
  { page: 'termSummary', role: 'teacher', action: 'helpPlans.draftSummary', input: (ids) => ({ planId: ids.helpPlanId }), needs: 'helpPlanId' },
  { page: 'symposium', role: 'teacher', action: 'symposiums.list', input: (ids) => ({ classId: ids.classId }) },
  { page: 'talkAlert', role: 'admin', action: 'mandatoryReport.get', input: (ids) => ({ alertId: ids.alertId }), needs: 'alertId' },
  // birthdays and wishes
  { page: 'studentHome', role: 'student', action: 'birthdays.home', input: () => ({}) },
  { page: 'compose', role: 'student', action: 'wishes.compose', input: (ids) => ({ childId: ids.wishChildId }) },
  { page: 'wall', role: 'parent', action: 'wishes.wall', input: (ids) => ({ childId: ids.childId }) },
  { page: 'corner', role: 'student', action: 'corner.board', input: (ids) => ({ classId: ids.classId }) },
  { page: 'corner', role: 'parent', action: 'corner.board', input: (ids) => ({ childId: ids.childId }) },
  { page: 'birthdayList', role: 'teacher', action: 'birthdays.list', input: (ids) => ({ classId: ids.classId }) },
  { page: 'moderation', role: 'teacher', action: 'wishes.queue', input: (ids) => ({ classId: ids.classId }) },
  // the school's and the county's dashboards
  { page: 'dashboard', role: 'admin', action: 'dashboard.school', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'dashboardRate', role: 'admin', action: 'dashboard.children', input: (ids) => ({ classId: ids.classId, rate: 'archive' }) },
  { page: 'countyDashboard', role: 'county', action: 'county.dashboard', input: () => ({}) },
  // activities and parent meetings
  { page: 'activities', role: 'teacher', action: 'activities.list', input: (ids) => ({ classId: ids.classId, month: ids.month }) },
  { page: 'activities', role: 'admin', action: 'activities.list', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'activityEdit', role: 'teacher', action: 'activities.invitable', input: (ids) => ({ classId: ids.classId }) },
  { page: 'honours', role: 'parent', action: 'children.get', input: (ids) => ({ childId: ids.childId }) },
  // the work plan, the leading group and the appraisal
  { page: 'workPlan', role: 'admin', action: 'workPlan.get', input: (ids) => ({ schoolId: ids.schoolId }) },
  { page: 'workPlan', role: 'teacher', action: 'workPlan.get', input: () => ({}) },
  { page: 'workPlanAppraisal', role: 'admin', action: 'workPlan.appraisal', input: (ids) => ({ schoolId: ids.schoolId }) },
];

/** A row's name in the test and the bench: page, role, action. */
export const screenName = (s: Screen) => `${s.page} · ${s.role} · ${s.action}`;

type Api = (openid: string, action: string, input: Record<string, unknown>) => Promise<{ ok: boolean; data?: unknown }>;

/** The demo school's ids (scripts/demo-data.ts), with the records its care work made found through the actions. */
export async function demoScreenIds(api: Api, now: Date): Promise<ScreenIds> {
  const data = async <T>(openid: string, action: string, input: Record<string, unknown>): Promise<T | null> => {
    const res = await api(openid, action, input);
    return res.ok ? (res.data as T) : null;
  };
  const month = new Date(now.getTime() + 8 * 3600000).toISOString().slice(0, 7);
  type File = { talks: { id: string }[]; plans: { id: string }[]; helpPlan: { id: string } | null };
  const [mine, file, planned, posts, alerts] = await Promise.all([
    data<{ children: { next: { id: string } | null }[] }>('demo-parent', 'familyCalls.mine', {}),
    data<File>('demo-teacher', 'talks.child', { childId: 'demo-child-01' }),
    data<File>('demo-teacher', 'talks.child', { childId: 'demo-child-02' }),
    data<{ posts: { id: string }[] }>('demo-teacher', 'posts.list', { classId: 'demo-class-3-1' }),
    data<{ alerts: { id: string }[] }>('demo-admin', 'alerts.list', { schoolId: 'demo-school', status: 'all' }),
  ]);
  return {
    openid: { ...DEMO_OPENIDS, newcomer: 'demo-newcomer' },
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: 'demo-child-01',
    communityId: 'demo-community-qingshan',
    townshipId: 'demo-township-qingshan',
    wishChildId: 'demo-child-01',
    month,
    callId: mine?.children.map((c) => c.next?.id).find((id): id is string => !!id) ?? '',
    talkId: file?.talks[0]?.id ?? '',
    postId: posts?.posts[0]?.id ?? '',
    planId: planned?.plans[0]?.id ?? '',
    helpPlanId: file?.helpPlan?.id ?? '',
    alertId: alerts?.alerts[0]?.id ?? '',
  };
}
