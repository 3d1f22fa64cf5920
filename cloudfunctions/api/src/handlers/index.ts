/** Every action of the api function. Add a handler here to register it. */
import type { Handler } from '../handler';
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
import inboxList from './inbox.list';
import inboxRead from './inbox.read';
import remindersMine from './reminders.mine';
import remindersSubscribe from './reminders.subscribe';
import remindersConfigure from './reminders.configure';
import remindersSettings from './reminders.settings';
import remindersOutbox from './reminders.outbox';

// archive, contact card, care network, import/export (issue #4)
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

// family calls, phone log, rooms, calendar (issue #6)
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

export const handlers = [
  whoami,
  metaActions,
  setupStatus,
  setupClaimAdmin,
  classesCreate,
  classesList,
  classesArchive,
  communitiesCreate,
  communitiesList,
  invitesCreate,
  invitesList,
  invitesRevoke,
  invitesRedeem,
  peopleList,
  peopleRevoke,
  auditList,
  privacyNotice,
  consentRecord,
  consentGet,
  childrenGet,
  childrenExport,
  childrenPurge,
  inboxList,
  inboxRead,
  remindersMine,
  remindersSubscribe,
  remindersConfigure,
  remindersSettings,
  remindersOutbox,
  archiveRoster,
  archiveCreate,
  archiveUpdate,
  archiveHistory,
  archiveExport,
  exportsChunk,
  contactCardsSave,
  contactCardsConfirm,
  contactCardsRound,
  carePair,
  careEnd,
  careCoverage,
  careCandidates,
  alertsList,
  alertsResolve,
  importsUpload,
  importsPreview,
  importsCommit,
  roomsList,
  roomsSave,
  calendarGet,
  calendarSave,
  familyCallsAvailability,
  familyCallsPlan,
  familyCallsBook,
  familyCallsWeek,
  familyCallsGet,
  familyCallsRecord,
  familyCallsMove,
  familyCallsCancel,
  familyCallsConfirm,
  familyCallsRequestMove,
  familyCallsAnswerMove,
  familyCallsMine,
  familyCallsHistory,
  familyCallsJoin,
  phoneCallsLog,
  familyCallsCoverage,
] as unknown as Handler[];
