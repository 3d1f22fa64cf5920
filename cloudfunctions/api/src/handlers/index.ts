/**
 * Every action of the api function, by its name in the contract (typings/actions). The table's type requires one
 * handler for each action of the contract and no other: a missing or extra action is a compile error.
 */
import type { HandlerTable } from '../router';
// accounts, invitations, privacy and audit
import whoami from './whoami';
import metaActions from './meta.actions';
import setupStatus from './setup.status';
import setupClaimAdmin from './setup.claimAdmin';
import classesCreate from './classes.create';
import classesList from './classes.list';
import classesArchive from './classes.archive';
import communitiesCreate from './communities.create';
import communitiesList from './communities.list';
import invitesCreate from './invites.create';
import invitesList from './invites.list';
import invitesRevoke from './invites.revoke';
import invitesRedeem from './invites.redeem';
import peopleList from './people.list';
import peopleRevoke from './people.revoke';
import auditList from './audit.list';
import privacyNotice from './privacy.notice';
import consentRecord from './consent.record';
import consentGet from './consent.get';
import childrenGet from './children.get';
import childrenExport from './children.export';
import childrenPurge from './children.purge';
// archive, contact card, care network, import and export
import archiveRoster from './archive.roster';
import archiveCreate from './archive.create';
import archiveUpdate from './archive.update';
import archiveHistory from './archive.history';
import archiveExport from './archive.export';
import exportsChunk from './exports.chunk';
import contactCardsSave from './contactCards.save';
import contactCardsConfirm from './contactCards.confirm';
import contactCardsRound from './contactCards.round';
import carePair from './care.pair';
import careEnd from './care.end';
import careCoverage from './care.coverage';
import careCandidates from './care.candidates';
import alertsList from './alerts.list';
import alertsResolve from './alerts.resolve';
import importsUpload from './imports.upload';
import importsPreview from './imports.preview';
import importsCommit from './imports.commit';
// reminders and inbox
import inboxList from './inbox.list';
import inboxRead from './inbox.read';
import remindersMine from './reminders.mine';
import remindersSubscribe from './reminders.subscribe';
import remindersConfigure from './reminders.configure';
import remindersSettings from './reminders.settings';
import remindersOutbox from './reminders.outbox';
// family calls, phone log, rooms and calendar
import roomsList from './rooms.list';
import roomsSave from './rooms.save';
import calendarGet from './calendar.get';
import calendarSave from './calendar.save';
import familyCallsAvailability from './familyCalls.availability';
import familyCallsPlan from './familyCalls.plan';
import familyCallsBook from './familyCalls.book';
import familyCallsWeek from './familyCalls.week';
import familyCallsGet from './familyCalls.get';
import familyCallsRecord from './familyCalls.record';
import familyCallsMove from './familyCalls.move';
import familyCallsCancel from './familyCalls.cancel';
import familyCallsConfirm from './familyCalls.confirm';
import familyCallsRequestMove from './familyCalls.requestMove';
import familyCallsAnswerMove from './familyCalls.answerMove';
import familyCallsMine from './familyCalls.mine';
import familyCallsHistory from './familyCalls.history';
import familyCallsJoin from './familyCalls.join';
import phoneCallsLog from './phoneCalls.log';
import familyCallsCoverage from './familyCalls.coverage';
// growth posts, photos, the parent home, photo consent, families' contact changes, invite codes
import filesPrepare from './files.prepare';
import filesUpload from './files.upload';
import postsComposer from './posts.composer';
import postsCreate from './posts.create';
import postsPublish from './posts.publish';
import postsRemove from './posts.remove';
import postsList from './posts.list';
import postsFeed from './posts.feed';
import postsGet from './posts.get';
import postsLike from './posts.like';
import repliesCreate from './replies.create';
import parentHome from './parent.home';
import parentExport from './parent.export';
import parentShareStudy from './parent.shareStudy';
import photoConsentGet from './photoConsent.get';
import photoConsentRecord from './photoConsent.record';
import contactChangesPropose from './contactChanges.propose';
import contactChangesList from './contactChanges.list';
import contactChangesDecide from './contactChanges.decide';
import invitesQrcode from './invites.qrcode';
// birthdays, wish cards, the class corner and the buddy registration card
import birthdaysHome from './birthdays.home';
import birthdaysList from './birthdays.list';
import birthdaysOptIn from './birthdays.optIn';
import birthdaysFamily from './birthdays.family';
import wishesCompose from './wishes.compose';
import wishesSend from './wishes.send';
import wishesWall from './wishes.wall';
import wishesQueue from './wishes.queue';
import wishesReview from './wishes.review';
import wishesSettings from './wishes.settings';
import cornerBoard from './corner.board';
import cornerPost from './corner.post';
import cornerReview from './corner.review';
import cornerFeature from './corner.feature';
import buddiesExport from './buddies.export';
// community work: townships, the register, home visits, the assistance ledger, alert detail and mandatory report
import communitySetup from './community.setup';
import communityAddTownship from './community.addTownship';
import communityPlaceInTownship from './community.placeInTownship';
import communityConfigure from './community.configure';
import communityLinkChild from './community.linkChild';
import communityChildren from './community.children';
import communityChild from './community.child';
import communityTownship from './community.township';
import visitsRecord from './visits.record';
import assistanceAdd from './assistance.add';
import assistanceUpdate from './assistance.update';
import assistanceLedger from './assistance.ledger';
import assistanceExport from './assistance.export';
import alertsGet from './alerts.get';

// talks, plans, help plans, counselling, diary, symposiums; mandatory reports on alerts
import talksMonth from './talks.month';
import talksMine from './talks.mine';
import talksChild from './talks.child';
import talksHistory from './talks.history';
import talksGet from './talks.get';
import talksRecord from './talks.record';
import plansCreate from './plans.create';
import plansGet from './plans.get';
import plansReview from './plans.review';
import plansClose from './plans.close';
import helpPlansGet from './helpPlans.get';
import helpPlansSave from './helpPlans.save';
import helpPlansRecord from './helpPlans.record';
import helpPlansDraftSummary from './helpPlans.draftSummary';
import helpPlansSignSummary from './helpPlans.signSummary';
import counsellingRecord from './counselling.record';
import diaryAdd from './diary.add';
import symposiumsList from './symposiums.list';
import symposiumsRecord from './symposiums.record';
import mandatoryReportGet from './mandatoryReport.get';
import mandatoryReportAddStep from './mandatoryReport.addStep';
import dashboardSchool from './dashboard.school';
import dashboardChildren from './dashboard.children';
import countyDashboard from './county.dashboard';
import countyCreateSchool from './county.createSchool';
import activitiesList from './activities.list';
import activitiesInvitable from './activities.invitable';
import activitiesCreate from './activities.create';
import activitiesGet from './activities.get';
import activitiesAttend from './activities.attend';
import activitiesHandOut from './activities.handOut';
import meetingsSchedule from './meetings.schedule';
import meetingsGet from './meetings.get';
import meetingsSignIn from './meetings.signIn';
import meetingsMinutes from './meetings.minutes';
import meetingsCancel from './meetings.cancel';
import meetingsFamily from './meetings.family';
import meetingsCheckIn from './meetings.checkIn';
import honoursAdd from './honours.add';
import reportsStatistics from './reports.statistics';
import reportsSummary from './reports.summary';
import reportsSaveSummary from './reports.saveSummary';
import reportsArchive from './reports.archive';
import countyStatistics from './county.statistics';
import workPlanGet from './workPlan.get';
import workPlanCreate from './workPlan.create';
import workPlanSaveItem from './workPlan.saveItem';
import workPlanRemoveItem from './workPlan.removeItem';
import workPlanSaveGroup from './workPlan.saveGroup';
import workPlanAppraisal from './workPlan.appraisal';
export const handlers: HandlerTable = {
  // accounts, invitations, privacy and audit
  whoami: whoami,
  'meta.actions': metaActions,
  'setup.status': setupStatus,
  'setup.claimAdmin': setupClaimAdmin,
  'classes.create': classesCreate,
  'classes.list': classesList,
  'classes.archive': classesArchive,
  'communities.create': communitiesCreate,
  'communities.list': communitiesList,
  'invites.create': invitesCreate,
  'invites.list': invitesList,
  'invites.revoke': invitesRevoke,
  'invites.redeem': invitesRedeem,
  'people.list': peopleList,
  'people.revoke': peopleRevoke,
  'audit.list': auditList,
  'privacy.notice': privacyNotice,
  'consent.record': consentRecord,
  'consent.get': consentGet,
  'children.get': childrenGet,
  'children.export': childrenExport,
  'children.purge': childrenPurge,
  // archive, contact card, care network, import and export
  'archive.roster': archiveRoster,
  'archive.create': archiveCreate,
  'archive.update': archiveUpdate,
  'archive.history': archiveHistory,
  'archive.export': archiveExport,
  'exports.chunk': exportsChunk,
  'contactCards.save': contactCardsSave,
  'contactCards.confirm': contactCardsConfirm,
  'contactCards.round': contactCardsRound,
  'care.pair': carePair,
  'care.end': careEnd,
  'care.coverage': careCoverage,
  'care.candidates': careCandidates,
  'alerts.list': alertsList,
  'alerts.resolve': alertsResolve,
  'imports.upload': importsUpload,
  'imports.preview': importsPreview,
  'imports.commit': importsCommit,
  // reminders and inbox
  'inbox.list': inboxList,
  'inbox.read': inboxRead,
  'reminders.mine': remindersMine,
  'reminders.subscribe': remindersSubscribe,
  'reminders.configure': remindersConfigure,
  'reminders.settings': remindersSettings,
  'reminders.outbox': remindersOutbox,
  // family calls, phone log, rooms and calendar
  'rooms.list': roomsList,
  'rooms.save': roomsSave,
  'calendar.get': calendarGet,
  'calendar.save': calendarSave,
  'familyCalls.availability': familyCallsAvailability,
  'familyCalls.plan': familyCallsPlan,
  'familyCalls.book': familyCallsBook,
  'familyCalls.week': familyCallsWeek,
  'familyCalls.get': familyCallsGet,
  'familyCalls.record': familyCallsRecord,
  'familyCalls.move': familyCallsMove,
  'familyCalls.cancel': familyCallsCancel,
  'familyCalls.confirm': familyCallsConfirm,
  'familyCalls.requestMove': familyCallsRequestMove,
  'familyCalls.answerMove': familyCallsAnswerMove,
  'familyCalls.mine': familyCallsMine,
  'familyCalls.history': familyCallsHistory,
  'familyCalls.join': familyCallsJoin,
  'phoneCalls.log': phoneCallsLog,
  'familyCalls.coverage': familyCallsCoverage,
  // growth posts, photos, the parent home, photo consent, families' contact changes, invite codes
  'files.prepare': filesPrepare,
  'files.upload': filesUpload,
  'posts.composer': postsComposer,
  'posts.create': postsCreate,
  'posts.publish': postsPublish,
  'posts.remove': postsRemove,
  'posts.list': postsList,
  'posts.feed': postsFeed,
  'posts.get': postsGet,
  'posts.like': postsLike,
  'replies.create': repliesCreate,
  'parent.home': parentHome,
  'parent.export': parentExport,
  'parent.shareStudy': parentShareStudy,
  'photoConsent.get': photoConsentGet,
  'photoConsent.record': photoConsentRecord,
  'contactChanges.propose': contactChangesPropose,
  'contactChanges.list': contactChangesList,
  'contactChanges.decide': contactChangesDecide,
  'invites.qrcode': invitesQrcode,
  // community work: townships, the register, home visits, the assistance ledger, alert detail and mandatory report
  'community.setup': communitySetup,
  'community.addTownship': communityAddTownship,
  'community.placeInTownship': communityPlaceInTownship,
  'community.configure': communityConfigure,
  'community.linkChild': communityLinkChild,
  'community.children': communityChildren,
  'community.child': communityChild,
  'community.township': communityTownship,
  'visits.record': visitsRecord,
  'assistance.add': assistanceAdd,
  'assistance.update': assistanceUpdate,
  'assistance.ledger': assistanceLedger,
  'assistance.export': assistanceExport,
  'alerts.get': alertsGet,
  // talks, plans, help plans, counselling, diary, symposiums; mandatory reports on alerts
  'talks.month': talksMonth,
  'talks.mine': talksMine,
  'talks.child': talksChild,
  'talks.history': talksHistory,
  'talks.get': talksGet,
  'talks.record': talksRecord,
  'plans.create': plansCreate,
  'plans.get': plansGet,
  'plans.review': plansReview,
  'plans.close': plansClose,
  'helpPlans.get': helpPlansGet,
  'helpPlans.save': helpPlansSave,
  'helpPlans.record': helpPlansRecord,
  'helpPlans.draftSummary': helpPlansDraftSummary,
  'helpPlans.signSummary': helpPlansSignSummary,
  'counselling.record': counsellingRecord,
  'diary.add': diaryAdd,
  'symposiums.list': symposiumsList,
  'symposiums.record': symposiumsRecord,
  'mandatoryReport.get': mandatoryReportGet,
  'mandatoryReport.addStep': mandatoryReportAddStep,
  // birthdays, wish cards, the class corner and the buddy registration card
  'birthdays.home': birthdaysHome,
  'birthdays.list': birthdaysList,
  'birthdays.optIn': birthdaysOptIn,
  'birthdays.family': birthdaysFamily,
  'wishes.compose': wishesCompose,
  'wishes.send': wishesSend,
  'wishes.wall': wishesWall,
  'wishes.queue': wishesQueue,
  'wishes.review': wishesReview,
  'wishes.settings': wishesSettings,
  'corner.board': cornerBoard,
  'corner.post': cornerPost,
  'corner.review': cornerReview,
  'corner.feature': cornerFeature,
  'buddies.export': buddiesExport,
  'dashboard.school': dashboardSchool,
  'dashboard.children': dashboardChildren,
  'county.dashboard': countyDashboard,
  'county.createSchool': countyCreateSchool,
  'activities.list': activitiesList,
  'activities.invitable': activitiesInvitable,
  'activities.create': activitiesCreate,
  'activities.get': activitiesGet,
  'activities.attend': activitiesAttend,
  'activities.handOut': activitiesHandOut,
  'meetings.schedule': meetingsSchedule,
  'meetings.get': meetingsGet,
  'meetings.signIn': meetingsSignIn,
  'meetings.minutes': meetingsMinutes,
  'honours.add': honoursAdd,
  'reports.statistics': reportsStatistics,
  'reports.summary': reportsSummary,
  'reports.saveSummary': reportsSaveSummary,
  'reports.archive': reportsArchive,
  'county.statistics': countyStatistics,
  // the work plan, the leading group and the term's appraisal
  'workPlan.get': workPlanGet,
  'workPlan.create': workPlanCreate,
  'workPlan.saveItem': workPlanSaveItem,
  'workPlan.removeItem': workPlanRemoveItem,
  'workPlan.saveGroup': workPlanSaveGroup,
  'workPlan.appraisal': workPlanAppraisal,
  // a meeting cancelled, and the invited family's own view and sign-in
  'meetings.cancel': meetingsCancel,
  'meetings.family': meetingsFamily,
  'meetings.checkIn': meetingsCheckIn,
};
