/**
 * Where every page lives, the one place page paths are written. The main package holds home, bind and inbox
 * (pages/); each area's pages are a subpackage (分包) under areas/<area>/pages/, listed in app.json subPackages with
 * the area's folder as root and name. A new area: make areas/<area>/pages/<page>/, add the subpackage to app.json and
 * its pages here (tests/pages/routes.test.ts holds the three together).
 *
 *   wx.navigateTo({ url: pageUrl('child', { childId }) });
 */
export const PAGES = {
  // main package
  home: '/pages/home/index',
  bind: '/pages/bind/index',
  inbox: '/pages/inbox/index',
  // accounts: people and their roles
  people: '/areas/accounts/pages/people/index',
  roles: '/areas/accounts/pages/roles/index',
  // privacy: consent and the audit log
  consent: '/areas/privacy/pages/consent/index',
  audit: '/areas/privacy/pages/audit/index',
  // archive: roster, archives, contact cards, the care network, alerts
  roster: '/areas/archive/pages/roster/index',
  child: '/areas/archive/pages/child/index',
  archiveEdit: '/areas/archive/pages/archive-edit/index',
  cardEdit: '/areas/archive/pages/card-edit/index',
  cardRound: '/areas/archive/pages/card-round/index',
  import: '/areas/archive/pages/import/index',
  pairing: '/areas/archive/pages/pairing/index',
  alerts: '/areas/archive/pages/alerts/index',
  // family calls: the week, booking, one call, rooms and devices, the school calendar, weekly coverage
  week: '/areas/family-calls/pages/week/index',
  book: '/areas/family-calls/pages/book/index',
  nextCall: '/areas/family-calls/pages/next/index',
  record: '/areas/family-calls/pages/record/index',
  rooms: '/areas/family-calls/pages/rooms/index',
  calendar: '/areas/family-calls/pages/calendar/index',
  coverage: '/areas/family-calls/pages/coverage/index',
  // reminders: my settings, the admin's templates and delivery log
  reminders: '/areas/reminders/pages/settings/index',
  reminderAdmin: '/areas/reminders/pages/admin/index',
  // school: set-up (classes and communities)
  school: '/areas/school/pages/setup/index',
  // growth: the parent home, posts and replies, the teacher's class feed and composer, photo consent, contact changes, invite codes
  growthHome: '/areas/growth/pages/home/index',
  growthPost: '/areas/growth/pages/post/index',
  growthCompose: '/areas/growth/pages/compose/index',
  growthClass: '/areas/growth/pages/class/index',
  growthContact: '/areas/growth/pages/contact/index',
  contactChanges: '/areas/growth/pages/contact-changes/index',
  photoConsent: '/areas/growth/pages/photo-consent/index',
  joinCode: '/areas/growth/pages/join-code/index',
  studyShare: '/areas/growth/pages/study-share/index',
  // community work: the 儿童主任's register, a child's visits and assistance, the visit form (works without signal),
  // the ledger and its entries, the 儿童督导员's township, one alert with its mandatory report
  register: '/areas/community/pages/register/index',
  communityChild: '/areas/community/pages/child/index',
  visit: '/areas/community/pages/visit/index',
  ledger: '/areas/community/pages/ledger/index',
  assist: '/areas/community/pages/assist/index',
  township: '/areas/community/pages/township/index',
  alert: '/areas/community/pages/alert/index',
  // talks: the monthly round, talk cards, plans, help plans and their summary, symposiums, urgent alerts
  talksMonth: '/areas/talks/pages/month/index',
  talksChild: '/areas/talks/pages/child/index',
  talkCard: '/areas/talks/pages/card/index',
  talkPlan: '/areas/talks/pages/plan/index',
  helpPlan: '/areas/talks/pages/help-plan/index',
  termSummary: '/areas/talks/pages/summary/index',
  symposium: '/areas/talks/pages/symposium/index',
  talkAlert: '/areas/talks/pages/alert/index',
  // birthdays: the student's home, the card composer, the child's wall, the class corner, the teacher's list and queue
  studentHome: '/areas/birthdays/pages/student/index',
  compose: '/areas/birthdays/pages/compose/index',
  wall: '/areas/birthdays/pages/wall/index',
  corner: '/areas/birthdays/pages/corner/index',
  birthdayList: '/areas/birthdays/pages/teacher/index',
  moderation: '/areas/birthdays/pages/queue/index',
  // dashboard: the school's rates, the children behind one, the county's schools
  dashboard: '/areas/dashboard/pages/school/index',
  dashboardRate: '/areas/dashboard/pages/rate/index',
  countyDashboard: '/areas/dashboard/pages/county/index',
  // activities: the month's activities and meetings, one activity with attendance, the activity form, a meeting, a child's honours
  activities: '/areas/activities/pages/list/index',
  activity: '/areas/activities/pages/activity/index',
  activityEdit: '/areas/activities/pages/edit/index',
  meeting: '/areas/activities/pages/meeting/index',
  honours: '/areas/activities/pages/honours/index',
  // reports: the school's 统计表, 工作档案 and 基本情况登记表 to download, the term's 工作总结 to edit
  reports: '/areas/dashboard/pages/reports/index',
  workSummary: '/areas/dashboard/pages/summary/index',
  // work plan: the term's plan by month, an item, the leading group and responsibilities, the appraisal
  workPlan: '/areas/workplan/pages/plan/index',
  workPlanItem: '/areas/workplan/pages/item/index',
  workPlanGroup: '/areas/workplan/pages/group/index',
  workPlanAppraisal: '/areas/workplan/pages/appraisal/index',
} as const;

export type PageName = keyof typeof PAGES;

/** The page's url with its query (values URL-encoded, empty ones left out). */
export function pageUrl(page: PageName, query: Record<string, string | number | null | undefined> = {}): string {
  const pairs = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `${PAGES[page]}?${pairs.join('&')}` : PAGES[page];
}

/**
 * Where pages were before they moved into subpackages. Links already sent keep them (subscribe messages open a page,
 * inbox items and the server's reminders name one), so those links still open the page that is there now.
 */
const MOVED: Record<string, PageName> = {
  'pages/people/index': 'people',
  'pages/roles/index': 'roles',
  'pages/privacy/index': 'consent',
  'pages/audit/index': 'audit',
  'pages/roster/index': 'roster',
  'pages/child/index': 'child',
  'pages/archive-edit/index': 'archiveEdit',
  'pages/card-edit/index': 'cardEdit',
  'pages/card-round/index': 'cardRound',
  'pages/import/index': 'import',
  'pages/pairing/index': 'pairing',
  'pages/alerts/index': 'alerts',
  'pages/family-calls/index': 'week',
  'pages/family-calls/book/index': 'book',
  'pages/family-calls/next/index': 'nextCall',
  'pages/family-calls/record/index': 'record',
  'pages/rooms/index': 'rooms',
  'pages/calendar/index': 'calendar',
  'pages/coverage/index': 'coverage',
  'pages/reminders/index': 'reminders',
  'pages/reminder-admin/index': 'reminderAdmin',
  'pages/school/index': 'school',
  // the monthly talk reminders sent before the talk pages existed
  'pages/talks/index': 'talksMonth',
};

/** The page a path of before the move stands for now ('pages/rooms/index' or '/pages/rooms/index'); null if none. */
export function movedPage(path: string): string | null {
  const page = MOVED[path.replace(/^\//, '')];
  return page ? PAGES[page] : null;
}

/** A link as the server writes it ('pages/x/index?id=1', no leading slash) as the url to open now. */
export function linkUrl(link: string): string {
  const at = link.indexOf('?');
  const path = at < 0 ? link : link.slice(0, at);
  const now = movedPage(path) ?? `/${path.replace(/^\//, '')}`;
  return at < 0 ? now : `${now}${link.slice(at)}`;
}
