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
] as unknown as Handler[];
