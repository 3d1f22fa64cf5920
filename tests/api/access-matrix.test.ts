/**
 * The authorization matrix: every registered action x every role (and a stranger) x own / someone else's scope.
 * Adding an action without a row here fails the first test; a row's `allowed` is the decision we promise.
 *
 * Besides the own scope and the other school, each row is also aimed, where it names a child or a class, at
 * another child of the same class (林小禾 -> 陈一诺, still 三年级(1)班) and at another class of the same school
 * (三年级(2)班, 郑可欣): a parent or guardian reaches only their own child, the class teacher only their class,
 * the admin the whole school, the community worker the classes of their community (both classes are 青山村's).
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import { PHOTO_NOTICE } from '../../cloudfunctions/core/growth/photoConsent';
import type { Role } from '../../typings/roles';
import { beijingDate } from '../../cloudfunctions/core/time';

type Who = Role | 'stranger';
const CALLERS: Record<Who, string> = { ...DEMO_OPENIDS, stranger: 'someone-without-role' };
const EVERYONE: Who[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community', 'township', 'county', 'stranger'];

interface Row {
  /** Who may act on their own scope (the demo school, class 3-1, child 林小禾). */
  allowed: Who[];
  own: Record<string, unknown>;
  /** The same request aimed at the other school; omitted for actions without a scope. */
  other?: Record<string, unknown>;
  /** Who may act on another child of the same class / another class of the same school, when not the default below. */
  sameClass?: Who[];
  sameSchool?: Who[];
}

/** Roles whose reach is one child: they never reach another child. */
const CHILD_SCOPED: Who[] = ['parent', 'guardian', 'student'];

/** The own request aimed at another child of the same class, or at another class of the school (null: it names neither). */
function aimed(own: Record<string, unknown>, where: 'sameClass' | 'sameSchool'): Record<string, unknown> | null {
  const swaps: [string, string][] =
    where === 'sameClass'
      ? [
          ['demo-child-01', 'demo-child-03'],
          ['matrix-call-own', 'matrix-call-sc'],
          ['matrix-pairing-own', 'matrix-pairing-sc'],
          ['matrix-alert-own', 'matrix-alert-sc'],
          [ids.ownInvite, ids.scInvite],
          [ids.ownParentBinding, ids.scParentBinding],
        ]
      : [
          ['demo-child-01', 'demo-child-05'],
          ['demo-class-3-1', 'demo-class-3-2'],
          ['matrix-call-own', 'matrix-call-ss'],
          ['matrix-pairing-own', 'matrix-pairing-ss'],
          ['matrix-alert-own', 'matrix-alert-ss'],
          [ids.ownInvite, ids.ssInvite],
          [ids.ownParentBinding, ids.ssParentBinding],
        ];
  const text = JSON.stringify(own);
  const swapped = swaps.reduce((t, [from, to]) => (from ? t.split(from).join(to) : t), text);
  return swapped === text ? null : JSON.parse(swapped);
}

function expectedFor(row: Row, where: 'sameClass' | 'sameSchool'): Who[] {
  if (row[where]) return row[where]!;
  const reach = row.allowed.filter((w) => !CHILD_SCOPED.includes(w));
  // the demo teacher teaches 三年级(1)班 only
  return where === 'sameSchool' ? reach.filter((w) => w !== 'teacher') : reach;
}

let env: TestEmulator;
const ids = {
  ownInvite: '',
  otherInvite: '',
  ownParentBinding: '',
  otherBinding: '',
  scInvite: '',
  ssInvite: '',
  scParentBinding: '',
  ssParentBinding: '',
  removablePosts: [] as string[],
};
/** A tiny PNG (the local photo upload takes images only). */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const matrix = (): Record<string, Row> => ({
  whoami: { allowed: EVERYONE, own: {} },
  // Local emulator: developer tooling is open; the production rule (admin only) is unit-tested in authorize.test.ts.
  'meta.actions': { allowed: EVERYONE, own: {} },
  'setup.status': { allowed: EVERYONE, own: {} },
  'setup.claimAdmin': { allowed: EVERYONE, own: { code: 'WRONG-CODE', schoolName: '新学校' } },
  'classes.create': {
    allowed: ['admin'],
    own: { schoolId: 'demo-school', grade: 6, name: '六年级(1)班' },
    other: { schoolId: OTHER.schoolId, grade: 6, name: '六年级(9)班' },
  },
  'classes.list': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'classes.archive': { allowed: ['admin'], own: { classId: 'demo-class-5-1' }, other: { classId: OTHER.classId } },
  'communities.create': {
    allowed: ['admin'],
    own: { schoolId: 'demo-school', name: '东坡村' },
    other: { schoolId: OTHER.schoolId, name: '东坡村' },
  },
  'communities.list': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'invites.create': {
    allowed: ['admin', 'teacher'],
    own: { role: 'parent', childId: 'demo-child-01', relation: '爸爸' },
    other: { role: 'parent', childId: OTHER.childId, relation: '爸爸' },
  },
  'invites.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'invites.revoke': { allowed: ['admin', 'teacher'], own: { inviteId: ids.ownInvite }, other: { inviteId: ids.otherInvite } },
  'invites.redeem': { allowed: EVERYONE, own: { code: 'ZZZZ-ZZZZ' } },
  'people.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'people.revoke': { allowed: ['admin', 'teacher'], own: { bindingId: ids.ownParentBinding }, other: { bindingId: ids.otherBinding } },
  'audit.list': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'privacy.notice': { allowed: EVERYONE, own: {} },
  'consent.record': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { childId: 'demo-child-01', decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'wechat' },
    other: { childId: OTHER.childId, decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'wechat' },
  },
  'consent.get': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { childId: 'demo-child-01' },
    other: { childId: OTHER.childId },
  },
  'children.get': {
    allowed: ['admin', 'teacher', 'community', 'parent', 'guardian'],
    own: { childId: 'demo-child-01' },
    other: { childId: OTHER.childId },
  },
  'children.export': { allowed: ['admin'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  // A wrong confirmation name: the decision is still visible (allowed -> INVALID_INPUT), nothing is deleted.
  'children.purge': {
    allowed: ['admin'],
    own: { childId: 'demo-child-01', confirmName: '不是这个名字' },
    other: { childId: OTHER.childId, confirmName: '赵小川' },
  },
  // archive, contact card, care network, import/export. Refusals that are not about access
  // (CONSENT_REQUIRED, CONFLICT, NOT_FOUND of a card) count as "allowed".
  'archive.roster': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'archive.create': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', name: '矩阵测试', gender: 'male', birthDate: '2017-01-01', leftBehindType: 'both_away' },
    other: { classId: OTHER.classId, name: '矩阵测试', gender: 'male', birthDate: '2017-01-01', leftBehindType: 'both_away' },
  },
  'archive.update': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', expectedVersion: 0, changes: { hobbies: '画画' } },
    other: { childId: OTHER.childId, expectedVersion: 0, changes: { hobbies: '画画' } },
  },
  // The file's history is the school's: a 儿童主任's work needs the child's situation, not who changed which archive field.
  'archive.history': { allowed: ['admin', 'teacher'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'archive.export': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', kind: 'registration' },
    other: { classId: OTHER.classId, kind: 'registration' },
  },
  // Export chunks and uploads belong to the person who made them.
  'exports.chunk': {
    allowed: ['teacher'],
    own: { exportId: 'matrix-export-own', seq: 1 },
    other: { exportId: 'matrix-export-other', seq: 1 },
  },
  'contactCards.save': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', expectedVersion: 0, parents: [], guardian: null, emergency: null },
    other: { childId: OTHER.childId, expectedVersion: 0, parents: [], guardian: null, emergency: null },
  },
  'contactCards.confirm': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', expectedVersion: 0 },
    other: { childId: OTHER.childId, expectedVersion: 0 },
  },
  'contactCards.round': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'care.pair': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', kind: 'proxy', proxyKind: 'caring_mother', name: '张阿姨', phone: '13600000006' },
    other: { childId: OTHER.childId, kind: 'proxy', proxyKind: 'caring_mother', name: '张阿姨', phone: '13600000006' },
  },
  'care.end': { allowed: ['admin', 'teacher'], own: { pairingId: 'matrix-pairing-own' }, other: { pairingId: 'matrix-pairing-other' } },
  'care.candidates': { allowed: ['admin', 'teacher'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'care.coverage': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'alerts.list': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'alerts.resolve': {
    allowed: ['admin', 'community', 'township'],
    own: { alertId: 'matrix-alert-own', resolution: '已处理' },
    other: { alertId: 'matrix-alert-other', resolution: '已处理' },
  },
  'imports.upload': {
    allowed: ['admin', 'teacher'],
    own: { schoolId: 'demo-school', classId: 'demo-class-3-1', fileName: 'a.xlsx', seq: 0, total: 1, data: 'AAAA' },
    other: { schoolId: OTHER.schoolId, classId: OTHER.classId, fileName: 'a.xlsx', seq: 0, total: 1, data: 'AAAA' },
  },
  'imports.preview': { allowed: ['teacher'], own: { uploadId: 'matrix-upload-own' }, other: { uploadId: 'matrix-upload-other' } },
  'imports.commit': { allowed: ['teacher'], own: { uploadId: 'matrix-upload-own' }, other: { uploadId: 'matrix-upload-other' } },
  // reminders: the inbox and subscriptions are always the caller's own; settings and the delivery log are the admin's.
  'inbox.list': { allowed: EVERYONE, own: {} },
  'inbox.read': { allowed: EVERYONE, own: { all: true } },
  'reminders.mine': { allowed: EVERYONE, own: {} },
  'reminders.subscribe': { allowed: EVERYONE, own: { results: { NOT_A_TEMPLATE: 'accept' } } },
  'reminders.configure': { allowed: ['admin'], own: { miniprogramState: 'formal' } },
  'reminders.settings': { allowed: ['admin'], own: {} },
  'reminders.outbox': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  // family calls. A call's scope comes from the stored call (matrix-call-own / -other, on a device of no
  // room, in 2099); refusals about the call itself (CONFLICT, INVALID_INPUT after the access check) count as allowed.
  'rooms.list': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'rooms.save': {
    allowed: ['admin'],
    own: { schoolId: 'demo-school', name: '矩阵关爱室', devices: [] },
    other: { schoolId: OTHER.schoolId, name: '矩阵关爱室', devices: [] },
  },
  'calendar.get': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'calendar.save': {
    allowed: ['admin'],
    own: { schoolId: 'demo-school', expectedVersion: 0, terms: [], holidays: [], makeUpDays: [] },
    other: { schoolId: OTHER.schoolId, expectedVersion: 0, terms: [], holidays: [], makeUpDays: [] },
  },
  'familyCalls.availability': {
    allowed: ['parent', 'guardian'],
    own: { childId: 'demo-child-01', slots: [] },
    other: { childId: OTHER.childId, slots: [] },
  },
  'familyCalls.plan': { allowed: ['admin', 'teacher'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'familyCalls.book': {
    allowed: ['admin', 'teacher'],
    own: {
      childId: 'demo-child-01',
      deviceId: 'matrix-device',
      weekday: 3,
      time: '19:00',
      minutes: 30,
      startDate: '2099-01-05',
      weeks: 1,
      parentBindingIds: ['matrix-parent'],
    },
    other: {
      childId: OTHER.childId,
      deviceId: 'matrix-device',
      weekday: 3,
      time: '19:00',
      minutes: 30,
      startDate: '2099-01-05',
      weeks: 1,
      parentBindingIds: ['matrix-parent'],
    },
  },
  'familyCalls.week': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'familyCalls.get': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { callId: 'matrix-call-own' },
    other: { callId: 'matrix-call-other' },
  },
  'familyCalls.record': {
    allowed: ['admin', 'teacher'],
    own: { callId: 'matrix-call-own', result: 'missed', by: 'parent', reason: '未接' },
    other: { callId: 'matrix-call-other', result: 'missed', by: 'parent', reason: '未接' },
  },
  'familyCalls.move': {
    allowed: ['admin', 'teacher'],
    own: { callId: 'matrix-call-own', scope: 'one', date: '2099-01-08', time: '19:00' },
    other: { callId: 'matrix-call-other', scope: 'one', date: '2099-01-08', time: '19:00' },
  },
  'familyCalls.cancel': {
    allowed: ['admin', 'teacher'],
    own: { callId: 'matrix-call-own-2', scope: 'one' },
    other: { callId: 'matrix-call-other', scope: 'one' },
  },
  'familyCalls.confirm': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { callId: 'matrix-call-own' },
    other: { callId: 'matrix-call-other' },
  },
  'familyCalls.requestMove': {
    allowed: ['parent', 'guardian'],
    own: { callId: 'matrix-call-own', proposals: [{ date: '2099-01-09', time: '19:00' }] },
    other: { callId: 'matrix-call-other', proposals: [{ date: '2099-01-09', time: '19:00' }] },
  },
  'familyCalls.answerMove': {
    allowed: ['admin', 'teacher'],
    own: { callId: 'matrix-call-own', accept: null },
    other: { callId: 'matrix-call-other', accept: null },
  },
  'familyCalls.mine': { allowed: ['parent', 'guardian'], own: {} },
  'familyCalls.history': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { childId: 'demo-child-01' },
    other: { childId: OTHER.childId },
  },
  'familyCalls.join': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { callId: 'matrix-call-own' },
    other: { callId: 'matrix-call-other' },
  },
  'phoneCalls.log': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', date: '2099-01-01', time: '19:00', minutes: 5, who: '妈妈' },
    other: { childId: OTHER.childId, date: '2099-01-01', time: '19:00', minutes: 5, who: '妈妈' },
  },
  'familyCalls.coverage': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  // growth posts, photos, the parent home, photo consent, contact changes, invite codes. Posts and slots are
  // matrix-post-* and matrix-slot-* (below); each caller allowed to remove a post removes a fresh one.
  'files.prepare': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', photos: [{ ext: 'png', size: 100 }] },
    other: { childId: OTHER.childId, photos: [{ ext: 'png', size: 100 }] },
  },
  'files.upload': { allowed: ['teacher'], own: { uploadId: 'matrix-slot-own', data: PNG_1PX }, other: { uploadId: 'matrix-slot-other', data: PNG_1PX } },
  'posts.composer': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'posts.create': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', tag: 'life', text: '矩阵测试', photos: [] },
    other: { childId: OTHER.childId, tag: 'life', text: '矩阵测试', photos: [] },
  },
  'posts.publish': { allowed: ['admin', 'teacher'], own: { postId: 'matrix-post-held' }, other: { postId: 'matrix-post-other' } },
  'posts.remove': {
    allowed: ['admin', 'teacher'],
    get own() {
      return { postId: ids.removablePosts.shift() ?? 'matrix-post-none' };
    },
    other: { postId: 'matrix-post-other' },
  },
  'posts.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'posts.feed': {
    allowed: ['parent', 'guardian'],
    own: { childId: 'demo-child-01', before: '2099-01-01T00:00:00.000Z' },
    other: { childId: OTHER.childId, before: '2099-01-01T00:00:00.000Z' },
  },
  'posts.get': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    // the post is 林小禾's: asked for another child, the pair is refused
    sameClass: [],
    sameSchool: [],
    own: { postId: 'matrix-post-own', childId: 'demo-child-01' },
    other: { postId: 'matrix-post-other', childId: OTHER.childId },
  },
  'posts.like': {
    allowed: ['parent', 'guardian'],
    own: { postId: 'matrix-post-own', childId: 'demo-child-01', liked: true },
    other: { postId: 'matrix-post-other', childId: OTHER.childId, liked: true },
  },
  'replies.create': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    // the post is 林小禾's: a reply under it for another child is refused
    sameClass: [],
    sameSchool: [],
    own: { postId: 'matrix-post-own', childId: 'demo-child-01', text: '谢谢老师' },
    other: { postId: 'matrix-post-other', childId: OTHER.childId, text: '谢谢老师' },
  },
  'parent.home': { allowed: ['parent', 'guardian'], own: {} },
  'parent.export': { allowed: ['parent', 'guardian'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'parent.shareStudy': { allowed: ['admin', 'teacher'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'photoConsent.get': { allowed: ['admin', 'teacher', 'parent', 'guardian'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'photoConsent.record': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { childId: 'demo-child-01', decision: 'granted', noticeVersion: PHOTO_NOTICE.version, method: 'wechat' },
    other: { childId: OTHER.childId, decision: 'granted', noticeVersion: PHOTO_NOTICE.version, method: 'wechat' },
  },
  'contactChanges.propose': {
    allowed: ['parent', 'guardian'],
    own: { childId: 'demo-child-01', entry: 0, changes: { workCity: '矩阵市' } },
    other: { childId: OTHER.childId, entry: 0, changes: { workCity: '矩阵市' } },
  },
  'contactChanges.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'contactChanges.decide': {
    allowed: ['admin', 'teacher'],
    own: { changeId: 'matrix-change-own', accept: false },
    other: { changeId: 'matrix-change-other', accept: false },
  },
  'invites.qrcode': {
    allowed: ['admin', 'teacher'],
    own: { inviteId: ids.ownInvite, code: 'WRONG-CODE' },
    other: { inviteId: ids.otherInvite, code: 'WRONG-CODE' },
  },
  // community work. A second call of a visit or ledger entry by someone else with the same id is a CONFLICT (allowed);
  // the relief fixture is approved by the first caller, after which the others get CONFLICT (allowed).
  'community.setup': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'community.addTownship': { allowed: ['admin'], own: { schoolId: 'demo-school', name: '矩阵镇' }, other: { schoolId: OTHER.schoolId, name: '矩阵镇' } },
  'community.placeInTownship': {
    allowed: ['admin'],
    own: { communityId: 'demo-community-hexi', townshipId: 'demo-township-qingshan' },
    other: { communityId: OTHER.communityId, townshipId: null },
  },
  'community.configure': {
    allowed: ['admin', 'township'],
    own: { communityId: 'demo-community-qingshan', everyMonths: 3, focusEveryMonths: 1 },
    other: { communityId: OTHER.communityId, everyMonths: 3, focusEveryMonths: 1 },
  },
  'community.linkChild': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', communityId: 'demo-community-qingshan' },
    other: { childId: OTHER.childId, communityId: null },
  },
  'community.children': {
    allowed: ['admin', 'community', 'township'],
    own: { communityId: 'demo-community-qingshan' },
    other: { communityId: OTHER.communityId },
  },
  'community.child': { allowed: ['admin', 'teacher', 'community', 'township'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'community.township': { allowed: ['admin', 'township'], own: { townshipId: 'demo-township-qingshan' }, other: { townshipId: 'township-b' } },
  'visits.record': {
    allowed: ['community', 'township'],
    own: { visitId: 'matrix-visit-own-0001', childId: 'demo-child-01', date: yesterday(), method: 'home', met: '奶奶' },
    other: { visitId: 'matrix-visit-other-001', childId: OTHER.childId, date: yesterday(), method: 'home', met: '奶奶' },
  },
  'assistance.add': {
    allowed: ['admin', 'community', 'township'],
    own: { entryId: 'matrix-entry-own-0001', childId: 'demo-child-01', kind: 'referral', date: yesterday(), party: '草根爱心公益团队' },
    other: { entryId: 'matrix-entry-other-001', childId: OTHER.childId, kind: 'referral', date: yesterday(), party: '草根爱心公益团队' },
  },
  'assistance.update': {
    allowed: ['admin', 'community', 'township'],
    own: { entryId: 'matrix-relief-own-0001', stage: 'approved', amountFen: 100, on: yesterday() },
    other: { entryId: 'matrix-relief-other-001', stage: 'approved', amountFen: 100, on: yesterday() },
  },
  'assistance.ledger': { allowed: ['admin', 'teacher', 'community', 'township'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'assistance.export': {
    allowed: ['admin', 'community', 'township'],
    own: { communityId: 'demo-community-qingshan' },
    other: { communityId: OTHER.communityId },
  },
  'alerts.get': { allowed: ['admin', 'teacher', 'community', 'township'], own: { alertId: 'matrix-alert-own' }, other: { alertId: 'matrix-alert-other' } },
  // talks, plans, help plans, notes, symposiums (staff of the child only); mandatory reports on an alert. Records
  // named by id are the matrix-talk/plan/help fixtures; refusals about the record itself count as allowed.
  'talks.month': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'talks.mine': { allowed: ['teacher'], own: {} },
  'talks.child': { allowed: ['admin', 'teacher'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'talks.history': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', before: '2099-01-01|x' },
    other: { childId: OTHER.childId, before: '2099-01-01|x' },
  },
  'talks.get': { allowed: ['admin', 'teacher'], own: { talkId: 'matrix-talk-own' }, other: { talkId: 'matrix-talk-other' } },
  'talks.record': { allowed: ['admin', 'teacher'], own: matrixTalk('demo-child-01'), other: matrixTalk(OTHER.childId) },
  'plans.create': { allowed: ['admin', 'teacher'], own: matrixPlan('demo-child-01'), other: matrixPlan(OTHER.childId) },
  'plans.get': { allowed: ['admin', 'teacher'], own: { planId: 'matrix-plan-own' }, other: { planId: 'matrix-plan-other' } },
  'plans.review': {
    allowed: ['admin', 'teacher'],
    own: { planId: 'matrix-plan-own', date: yesterday(), outcome: 'same', note: '矩阵' },
    other: { planId: 'matrix-plan-other', date: yesterday(), outcome: 'same', note: '矩阵' },
  },
  'plans.close': { allowed: ['admin', 'teacher'], own: { planId: 'matrix-plan-own', reason: '矩阵' }, other: { planId: 'matrix-plan-other', reason: '矩阵' } },
  'helpPlans.get': { allowed: ['admin', 'teacher'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'helpPlans.save': { allowed: ['admin', 'teacher'], own: matrixHelpPlan('demo-child-01'), other: matrixHelpPlan(OTHER.childId) },
  'helpPlans.record': {
    allowed: ['admin', 'teacher'],
    own: { planId: 'matrix-help-own', date: yesterday(), text: '矩阵' },
    other: { planId: 'matrix-help-other', date: yesterday(), text: '矩阵' },
  },
  'helpPlans.draftSummary': { allowed: ['admin', 'teacher'], own: { planId: 'matrix-help-own' }, other: { planId: 'matrix-help-other' } },
  'helpPlans.signSummary': {
    allowed: ['admin', 'teacher'],
    own: { planId: 'matrix-help-own', text: '矩阵', expectedVersion: 99 },
    other: { planId: 'matrix-help-other', text: '矩阵', expectedVersion: 99 },
  },
  'counselling.record': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', date: yesterday(), counsellorRole: 'class_teacher', focus: 'emotion', notes: '矩阵' },
    other: { childId: OTHER.childId, date: yesterday(), counsellorRole: 'class_teacher', focus: 'emotion', notes: '矩阵' },
  },
  'diary.add': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', date: yesterday(), text: '矩阵' },
    other: { childId: OTHER.childId, date: yesterday(), text: '矩阵' },
  },
  'symposiums.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'symposiums.record': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', date: yesterday(), topic: '矩阵', place: '关爱室', participants: [], others: '矩阵', minutes: '矩阵', decisions: [] },
    other: { classId: OTHER.classId, date: yesterday(), topic: '矩阵', place: '关爱室', participants: [], others: '矩阵', minutes: '矩阵', decisions: [] },
  },
  'mandatoryReport.get': { allowed: ['admin', 'community', 'township'], own: { alertId: 'matrix-alert-own' }, other: { alertId: 'matrix-alert-other' } },
  'mandatoryReport.addStep': {
    allowed: ['admin', 'community', 'township'],
    own: { alertId: 'matrix-alert-own', step: { kind: 'follow_up', actor: '矩阵', date: yesterday(), time: '09:00', note: '矩阵' } },
    other: { alertId: 'matrix-alert-other', step: { kind: 'follow_up', actor: '矩阵', date: yesterday(), time: '09:00', note: '矩阵' } },
  },
  // birthdays, wish cards, the class corner. Students reach their class (a card to a classmate, the corner) but never
  // another child's wall; a refusal about the card itself (not yet the birthday, sent already) counts as allowed.
  'birthdays.home': { allowed: ['student'], own: {} },
  'birthdays.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'birthdays.optIn': { allowed: ['student'], own: { on: true } },
  'birthdays.family': {
    allowed: ['parent', 'guardian'],
    own: { childId: 'demo-child-01', classmates: true },
    other: { childId: OTHER.childId, classmates: true },
  },
  'wishes.compose': {
    allowed: ['admin', 'teacher', 'student'],
    // classmates write to each other
    sameClass: ['admin', 'teacher', 'student'],
    own: { childId: 'demo-child-01' },
    other: { childId: OTHER.childId },
  },
  'wishes.send': {
    allowed: ['admin', 'teacher', 'student'],
    // 陈一诺 and 郑可欣 have no consent in this world: nobody announces their birthdays or sends them a card
    sameClass: [],
    sameSchool: [],
    own: { childId: 'demo-child-01', design: 'cake', text: '生日快乐！' },
    other: { childId: OTHER.childId, design: 'cake', text: '生日快乐！' },
  },
  'wishes.wall': { allowed: ['admin', 'teacher', 'parent', 'guardian'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'wishes.queue': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'wishes.review': {
    allowed: ['admin', 'teacher'],
    own: { wishId: 'matrix-wish-own', decision: 'approve' },
    other: { wishId: 'matrix-wish-other', decision: 'approve' },
  },
  'wishes.settings': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', approvalRequired: false },
    other: { classId: OTHER.classId, approvalRequired: false },
  },
  'corner.board': {
    allowed: ['admin', 'teacher', 'student', 'parent', 'guardian'],
    // a student reaches their class's board through a classmate too
    sameClass: ['admin', 'teacher', 'student'],
    own: { childId: 'demo-child-01' },
    other: { childId: OTHER.childId },
  },
  'corner.post': {
    allowed: ['admin', 'teacher', 'student'],
    own: { classId: 'demo-class-3-1', kind: 'declaration', title: '爱心宣言', text: '我们手拉手' },
    other: { classId: OTHER.classId, kind: 'declaration', title: '爱心宣言', text: '我们手拉手' },
  },
  'corner.review': {
    allowed: ['admin', 'teacher'],
    own: { workId: 'matrix-work-own', decision: 'approve' },
    other: { workId: 'matrix-work-other', decision: 'approve' },
  },
  'corner.feature': {
    allowed: ['admin', 'teacher'],
    own: { workId: 'matrix-work-own', featured: true },
    other: { workId: 'matrix-work-other', featured: true },
  },
  'buddies.export': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  // dashboards: a school's counts for its admin and its county; the children behind a rate for staff only.
  'dashboard.school': { allowed: ['admin', 'county'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'dashboard.children': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', rate: 'archive' },
    other: { classId: OTHER.classId, rate: 'archive' },
  },
  'county.dashboard': { allowed: ['county'], own: {}, other: { countyId: 'county-of-nobody' } },
  'county.createSchool': {
    allowed: ['county'],
    own: { countyId: 'demo-county', name: '矩阵小学' },
    other: { countyId: 'county-of-nobody', name: '矩阵小学' },
  },
  // activities, parent meetings and honours: the class's teachers (the admin for the school); a refusal about the
  // record itself (a person not invited, a day not yet come) counts as allowed
  'activities.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'activities.invitable': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'activities.create': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', kind: 'class_meeting', title: '矩阵', date: yesterday(), place: '教室', organiser: '矩阵', childIds: ['demo-child-01'] },
    other: { classId: OTHER.classId, kind: 'class_meeting', title: '矩阵', date: yesterday(), place: '教室', organiser: '矩阵', childIds: [OTHER.childId] },
  },
  'activities.get': { allowed: ['admin', 'teacher'], own: { activityId: 'matrix-activity-own' }, other: { activityId: 'matrix-activity-other' } },
  'activities.attend': {
    allowed: ['admin', 'teacher'],
    own: { activityId: 'matrix-activity-own', marks: [{ personId: 'matrix-nobody', status: 'present' }] },
    other: { activityId: 'matrix-activity-other', marks: [{ personId: 'matrix-nobody', status: 'present' }] },
  },
  'activities.handOut': {
    allowed: ['admin', 'teacher'],
    own: { activityId: 'matrix-activity-own', item: '书包', quantity: 1, source: 'school', childIds: ['matrix-nobody'] },
    other: { activityId: 'matrix-activity-other', item: '书包', quantity: 1, source: 'school', childIds: ['matrix-nobody'] },
  },
  'meetings.schedule': {
    allowed: ['admin', 'teacher'],
    own: { classId: 'demo-class-3-1', kind: 'parent_meeting', date: '2099-06-05', time: '15:00', topic: '矩阵', place: '教室', childIds: ['demo-child-01'] },
    other: { classId: OTHER.classId, kind: 'parent_meeting', date: '2099-06-05', time: '15:00', topic: '矩阵', place: '教室', childIds: [OTHER.childId] },
  },
  'meetings.get': { allowed: ['admin', 'teacher'], own: { meetingId: 'matrix-meeting-own' }, other: { meetingId: 'matrix-meeting-other' } },
  'meetings.signIn': {
    allowed: ['admin', 'teacher'],
    own: { meetingId: 'matrix-meeting-own', marks: [{ childId: 'matrix-nobody', status: 'present' }] },
    other: { meetingId: 'matrix-meeting-other', marks: [{ childId: 'matrix-nobody', status: 'present' }] },
  },
  'meetings.minutes': {
    allowed: ['admin', 'teacher'],
    own: { meetingId: 'matrix-meeting-own', minutes: '矩阵', decisions: [] },
    other: { meetingId: 'matrix-meeting-other', minutes: '矩阵', decisions: [] },
  },
  'honours.add': {
    allowed: ['admin', 'teacher'],
    own: { childId: 'demo-child-01', title: '矩阵', level: 'school', date: yesterday(), body: '矩阵', share: false },
    other: { childId: OTHER.childId, title: '矩阵', level: 'school', date: yesterday(), body: '矩阵', share: false },
  },
  // reports: the school's admin only; the county its own county's 统计表 (counts)
  'reports.statistics': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'reports.summary': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'reports.saveSummary': {
    allowed: ['admin'],
    // a term the calendar does not have: the admin is told so (NOT_FOUND), everyone else is refused first
    own: { schoolId: 'demo-school', term: '矩阵学期', expectedVersion: 0, sections: [{ key: 'basics', heading: '一、基本情况', text: '矩阵' }] },
    other: { schoolId: OTHER.schoolId, term: '矩阵学期', expectedVersion: 0, sections: [{ key: 'basics', heading: '一、基本情况', text: '矩阵' }] },
  },
  'reports.archive': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'county.statistics': { allowed: ['county'], own: {}, other: { countyId: 'county-of-nobody' } },
  // the work plan: the school's staff read it, its admin edits it and sees the appraisal
  'workPlan.get': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'workPlan.create': { allowed: ['admin'], own: { schoolId: 'demo-school', term: '矩阵学期' }, other: { schoolId: OTHER.schoolId, term: '矩阵学期' } },
  'workPlan.saveItem': {
    allowed: ['admin'],
    own: { planId: 'matrix-plan-own', month: '2099-03', title: '矩阵', owner: { kind: 'group' }, status: 'todo', evidence: [] },
    other: { planId: 'matrix-plan-other', month: '2099-03', title: '矩阵', owner: { kind: 'group' }, status: 'todo', evidence: [] },
  },
  'workPlan.removeItem': { allowed: ['admin'], own: { planId: 'matrix-plan-own', itemId: 'nope' }, other: { planId: 'matrix-plan-other', itemId: 'mx1' } },
  'workPlan.saveGroup': {
    allowed: ['admin'],
    own: { planId: 'matrix-plan-own', members: [], responsibilities: [] },
    other: { planId: 'matrix-plan-other', members: [], responsibilities: [] },
  },
  'workPlan.appraisal': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  // a meeting cancelled by its class's staff; the invited family's own view and sign-in (their child only)
  'meetings.cancel': {
    allowed: ['admin', 'teacher'],
    own: { meetingId: 'matrix-meeting-own', reason: '矩阵' },
    other: { meetingId: 'matrix-meeting-other', reason: '矩阵' },
  },
  'meetings.family': {
    allowed: ['parent', 'guardian'],
    own: { meetingId: 'matrix-meeting-own', childId: 'demo-child-01' },
    other: { meetingId: 'matrix-meeting-other', childId: OTHER.childId },
  },
  'meetings.checkIn': {
    allowed: ['parent', 'guardian'],
    own: { meetingId: 'matrix-meeting-own', childId: 'demo-child-01' },
    other: { meetingId: 'matrix-meeting-other', childId: OTHER.childId },
  },
});

/** Yesterday on the Beijing calendar (the matrix calls run on the real clock). */
function yesterday(): string {
  return beijingDate(new Date(Date.now() - 86400000));
}

function matrixTalk(childId: string) {
  const base = { place: '关爱室', talkerRole: 'class_teacher', mood: 3, topics: ['study'], childSaid: '矩阵', concerns: [], actions: [], followUps: [] };
  return { childId, date: yesterday(), ...base };
}

function matrixPlan(childId: string) {
  const base = { reasons: ['study_decline'], reasonNote: '矩阵', goals: '矩阵', measures: [{ kind: 'tutoring', text: '矩阵' }], responsible: '矩阵' };
  return { childId, ...base, startDate: yesterday(), reviewDates: [new Date(Date.now() + 30 * 86400000).toISOString().slice(0, 10)] };
}

function matrixHelpPlan(childId: string) {
  return {
    childId,
    termStart: '2099-02-20',
    goals: '矩阵',
    schedule: '矩阵',
    content: '矩阵',
    expected: '矩阵',
    buddyChildId: null,
    subjects: [],
    expectedVersion: 0,
  };
}

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  const own = await env.api(DEMO_OPENIDS.teacher, 'invites.create', { role: 'guardian', childId: 'demo-child-01', relation: '爷爷' });
  const other = await env.api(OTHER.teacher, 'invites.create', { role: 'parent', childId: OTHER.childId, relation: '妈妈' });
  if (!own.ok || !other.ok) throw new Error('setup invites failed');
  ids.ownInvite = own.data.id;
  ids.otherInvite = other.data.id;
  const db = env.app.database();
  const b1 = await db.collection('bindings').add({
    openid: 'uncle-of-01',
    role: 'parent',
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: 'demo-child-01',
    communityId: null,
    label: '林小禾的爸爸',
    createdAt: new Date(),
    revokedAt: null,
  });
  const b2 = await db.collection('bindings').add({
    openid: 'parent-b',
    role: 'parent',
    schoolId: OTHER.schoolId,
    classId: OTHER.classId,
    childId: OTHER.childId,
    communityId: null,
    label: '赵小川的妈妈',
    createdAt: new Date(),
    revokedAt: null,
  });
  ids.ownParentBinding = b1.id as string;
  ids.otherBinding = b2.id as string;
  // the same kinds of records for another child of the class (陈一诺) and a child of another class (郑可欣)
  const sc = await env.api(DEMO_OPENIDS.teacher, 'invites.create', { role: 'guardian', childId: 'demo-child-03', relation: '爷爷' });
  const ss = await env.api(DEMO_OPENIDS.admin, 'invites.create', { role: 'guardian', childId: 'demo-child-05', relation: '爷爷' });
  if (!sc.ok || !ss.ok) throw new Error('setup invites failed');
  ids.scInvite = sc.data.id;
  ids.ssInvite = ss.data.id;
  const parentOf = (childId: string, classId: string) => ({
    openid: `uncle-of-${childId}`,
    role: 'parent',
    schoolId: 'demo-school',
    classId,
    childId,
    communityId: null,
    label: '家长',
    createdAt: new Date(),
    revokedAt: null,
  });
  ids.scParentBinding = (await db.collection('bindings').add(parentOf('demo-child-03', 'demo-class-3-1'))).id as string;
  ids.ssParentBinding = (await db.collection('bindings').add(parentOf('demo-child-05', 'demo-class-3-2'))).id as string;
  // records owned by someone, for the archive actions whose scope comes from a stored record
  const later = new Date(Date.now() + 3600_000);
  const pairing = {
    classId: 'demo-class-3-1',
    childId: 'demo-child-01',
    kind: 'proxy',
    mentorOpenid: null,
    bindingId: null,
    buddyChildId: null,
    proxyKind: 'temp_father',
    personName: '李叔叔',
    phone: '13600000007',
    note: null,
    startDate: '2026-01-01',
    endDate: null,
    createdAt: new Date(),
    createdBy: 'x',
    endedAt: null,
    endedBy: null,
  };
  await db.collection('pairings').add([
    { ...pairing, _id: 'matrix-pairing-own', schoolId: 'demo-school' },
    { ...pairing, _id: 'matrix-pairing-sc', schoolId: 'demo-school', childId: 'demo-child-03' },
    { ...pairing, _id: 'matrix-pairing-ss', schoolId: 'demo-school', classId: 'demo-class-3-2', childId: 'demo-child-05' },
    { ...pairing, _id: 'matrix-pairing-other', schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId },
  ]);
  const alert = {
    kind: 'no_capable_guardian',
    message: '测试',
    createdAt: new Date(),
    createdBy: 'x',
    resolvedAt: null,
    resolvedBy: null,
    resolution: null,
  };
  await db.collection('alerts').add([
    { ...alert, _id: 'matrix-alert-own', schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-01', communityId: 'demo-community-qingshan' },
    { ...alert, _id: 'matrix-alert-sc', schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-03', communityId: 'demo-community-qingshan' },
    { ...alert, _id: 'matrix-alert-ss', schoolId: 'demo-school', classId: 'demo-class-3-2', childId: 'demo-child-05', communityId: 'demo-community-qingshan' },
    { ...alert, _id: 'matrix-alert-other', schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId, communityId: OTHER.communityId },
  ]);
  // community work: the other school's township, and a relief application in each school
  await db.collection('townships').add({ _id: 'township-b', schoolId: OTHER.schoolId, name: '河东镇', createdAt: new Date() });
  await db.collection('communities').doc(OTHER.communityId).update({ townshipId: 'township-b' });
  const relief = {
    kind: 'relief',
    date: '2026-01-01',
    amountFen: 400000,
    party: '街道民政',
    item: null,
    quantity: null,
    source: null,
    note: null,
    status: 'applied',
    approvedFen: null,
    approvedOn: null,
    paidFen: null,
    paidOn: null,
    dayOfMonth: null,
    untilMonth: null,
    recurringId: null,
    month: null,
    recordedAt: new Date(),
    recordedBy: 'x',
    recordedRole: 'community',
    recordedLabel: '儿童主任',
    updatedAt: new Date(),
  };
  await db.collection('assistance').add([
    {
      ...relief,
      _id: 'matrix-relief-own-0001',
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: 'demo-child-01',
      communityId: 'demo-community-qingshan',
    },
    { ...relief, _id: 'matrix-relief-other-001', schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId, communityId: OTHER.communityId },
  ]);
  await db.collection('exportChunks').add([
    {
      _id: 'matrix-export-own-1',
      exportId: 'matrix-export-own',
      seq: 1,
      data: 'AAAA',
      createdBy: DEMO_OPENIDS.teacher,
      createdAt: new Date(),
      expiresAt: later,
    },
    {
      _id: 'matrix-export-other-1',
      exportId: 'matrix-export-other',
      seq: 1,
      data: 'AAAA',
      createdBy: OTHER.teacher,
      createdAt: new Date(),
      expiresAt: later,
    },
  ]);
  const upload = {
    fileName: 'a.xlsx',
    total: 1,
    status: 'uploading',
    createdAt: new Date(),
    expiresAt: later,
    committedAt: null,
    created: null,
  };
  await db.collection('importBatches').add([
    { ...upload, _id: 'matrix-upload-own', schoolId: 'demo-school', classId: 'demo-class-3-1', createdBy: DEMO_OPENIDS.teacher },
    { ...upload, _id: 'matrix-upload-other', schoolId: OTHER.schoolId, classId: OTHER.classId, createdBy: OTHER.teacher },
  ]);
  // work plans of a term in 2099 in each school
  const plan = {
    term: { name: '矩阵学期', start: '2099-02-20', end: '2099-07-10' },
    group: [],
    responsibilities: [],
    version: 1,
    createdAt: new Date(),
    updatedAt: new Date(),
    updatedBy: 'x',
  };
  const planItem = { id: 'mx1', month: '2099-03', title: '矩阵', owner: { kind: 'group', bindingId: null, openid: null }, status: 'todo', evidence: [] };
  await db.collection('workPlans').add([
    { ...plan, _id: 'matrix-plan-own', schoolId: 'demo-school', items: [planItem] },
    { ...plan, _id: 'matrix-plan-other', schoolId: OTHER.schoolId, items: [planItem] },
  ]);
  // family calls: calls in 2099 on a device of no room
  const starts = new Date('2099-01-07T11:00:00Z');
  const call = {
    seriesId: 'matrix-series',
    roomId: 'matrix-room',
    deviceId: 'matrix-device',
    date: '2099-01-07',
    time: '19:00',
    minutes: 30,
    weekKey: '2099-W01',
    startsAt: starts,
    endsAt: new Date(starts.getTime() + 1800_000),
    status: 'scheduled',
    parentBindingIds: [],
    teacherOpenid: DEMO_OPENIDS.teacher,
    confirmedAt: null,
    confirmedBy: null,
    movedFrom: null,
    moveRequest: null,
    checkedInAt: null,
    outcome: null,
    missed: null,
    cancelled: null,
    recordedAt: null,
    recordedBy: null,
    rebookOf: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  // The own calls invite the demo parent and guardian (only the invited may confirm, ask to move or join).
  const family = await db
    .collection('bindings')
    .where({ childId: 'demo-child-01', openid: db.command.in([DEMO_OPENIDS.parent, DEMO_OPENIDS.guardian]), revokedAt: null })
    .get();
  const invited = (family.data as { _id: string }[]).map((b) => b._id);
  if (invited.length !== 2) throw new Error('the demo child should have a parent and a guardian');
  await db.collection('familyCalls').add([
    {
      ...call,
      parentBindingIds: invited,
      _id: 'matrix-call-own',
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: 'demo-child-01',
    },
    {
      ...call,
      parentBindingIds: invited,
      _id: 'matrix-call-own-2',
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: 'demo-child-01',
    },
    { ...call, _id: 'matrix-call-other', schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId },
    ...['', '-2'].flatMap((n) => [
      { ...call, _id: `matrix-call-sc${n}`, schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-03' },
      { ...call, _id: `matrix-call-ss${n}`, schoolId: 'demo-school', classId: 'demo-class-3-2', childId: 'demo-child-05' },
    ]),
  ]);
  // growth: posts (a published one of 林小禾, a held one, removable ones, one of the other school), upload slots, contact changes
  const post = {
    audience: 'child',
    tag: 'life',
    text: '矩阵',
    photos: [],
    shows: [],
    status: 'published',
    authorOpenid: DEMO_OPENIDS.teacher,
    authorRole: 'teacher',
    authorLabel: '三年级(1)班 班主任',
    likes: 0,
    createdAt: new Date(),
    publishedAt: new Date(),
  };
  const mine = { schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-01' };
  const theirs = { schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId };
  ids.removablePosts = Array.from({ length: 8 }, (_, i) => `matrix-post-removable-${i}`);
  await db
    .collection('growthPosts')
    .add([
      { ...post, ...mine, _id: 'matrix-post-own' },
      { ...post, ...mine, _id: 'matrix-post-held', status: 'held', publishedAt: null },
      ...ids.removablePosts.map((_id) => ({ ...post, ...mine, _id })),
      { ...post, ...theirs, _id: 'matrix-post-other', authorOpenid: OTHER.teacher },
    ]);
  const slot = { ext: 'png', createdAt: new Date(), expiresAt: later, postId: null };
  await db.collection('growthUploads').add([
    { ...slot, ...mine, _id: 'matrix-slot-own', path: 'growth/matrix-slot-own.png', fileID: 'x', createdBy: DEMO_OPENIDS.teacher },
    { ...slot, ...theirs, _id: 'matrix-slot-other', path: 'growth/matrix-slot-other.png', fileID: 'y', createdBy: OTHER.teacher },
  ]);
  const change = {
    entry: 0,
    entryLabel: '父亲',
    changes: [{ field: 'workCity', from: null, to: '矩阵市' }],
    status: 'pending',
    proposedBy: 'x',
    proposedByLabel: 'x',
    proposedAt: new Date(),
    cardVersion: 1,
    decidedBy: null,
    decidedByLabel: null,
    decidedAt: null,
    note: null,
  };
  await db.collection('contactChanges').add([
    { ...change, ...mine, _id: 'matrix-change-own' },
    { ...change, ...theirs, _id: 'matrix-change-other' },
  ]);
  // talks, plans and help plans of the own and the other school
  const place = {
    own: { schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-01' },
    other: { schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId },
  };
  const signed = { openid: 'x', name: '矩阵' };
  for (const [side, at] of Object.entries(place)) {
    await db.collection('talks').add({
      ...at,
      _id: `matrix-talk-${side}`,
      date: '2026-01-01',
      month: '2026-01',
      place: '关爱室',
      talkerRole: 'class_teacher',
      talker: signed,
      mood: 3,
      topics: ['study'],
      childSaid: '矩阵',
      concerns: [],
      concernNote: null,
      actions: [],
      followUps: [],
      familySummary: null,
      planRequirement: null,
      planPending: false,
      alertId: null,
      restrictedTo: null,
      createdAt: new Date(),
    });
    await db.collection('educationPlans').add({
      ...at,
      _id: `matrix-plan-${side}`,
      seq: 1,
      status: 'open',
      reasons: ['study_decline'],
      reasonNote: '矩阵',
      goals: '矩阵',
      measures: [],
      responsible: '矩阵',
      startDate: '2026-01-01',
      reviewDates: [],
      reviews: [],
      nextReview: null,
      closed: null,
      createdAt: new Date(),
      createdBy: signed,
      updatedAt: new Date(),
    });
    await db.collection('helpPlans').add({
      ...at,
      _id: `matrix-help-${side}`,
      term: { name: '矩阵学期', start: '2020-02-20', end: '2099-07-05' },
      goals: '矩阵',
      schedule: '矩阵',
      content: '矩阵',
      expected: '矩阵',
      buddyChildId: null,
      subjects: [],
      records: [],
      summary: null,
      version: 1,
      createdAt: new Date(),
      createdBy: signed,
      updatedAt: new Date(),
    });
  }
  // a wish card and a corner work waiting in each school
  const moderated = { status: 'pending', flagged: false, reviewedAt: null, reviewedBy: null, createdAt: new Date(), updatedAt: new Date(), photo: null };
  const card = {
    ...moderated,
    occurrence: '2099-01-01',
    design: 'cake',
    text: '生日快乐',
    fromOpenid: 'x',
    fromBindingId: 'x',
    fromRole: 'student',
    fromLabel: '同学',
  };
  await db.collection('wishes').add([
    { ...card, _id: 'matrix-wish-own', schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-01' },
    { ...card, _id: 'matrix-wish-other', schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId },
  ]);
  const work = {
    ...moderated,
    kind: 'board',
    title: '宣传栏',
    text: '关爱你我他',
    authorOpenid: 'x',
    authorBindingId: 'x',
    authorRole: 'student',
    authorLabel: '同学',
    featured: false,
    featuredAt: null,
  };
  await db.collection('cornerWorks').add([
    { ...work, _id: 'matrix-work-own', schoolId: 'demo-school', classId: 'demo-class-3-1' },
    { ...work, _id: 'matrix-work-other', schoolId: OTHER.schoolId, classId: OTHER.classId },
  ]);
  const activity = { kind: 'film', title: '励志教育专题片', date: yesterday(), place: '远程教育室', organiser: '矩阵', createdBy: 'x', createdAt: new Date() };
  await db.collection('activities').add([
    { ...activity, _id: 'matrix-activity-own', schoolId: 'demo-school', classId: 'demo-class-3-1' },
    { ...activity, _id: 'matrix-activity-other', schoolId: OTHER.schoolId, classId: OTHER.classId },
  ]);
  const held = {
    date: yesterday(),
    topic: '矩阵',
    place: '教室',
    others: null,
    minutes: '',
    decisions: [],
    by: { openid: 'x', name: '矩阵' },
    createdAt: new Date(),
  };
  const scheduled = { ...held, kind: 'parent_meeting', time: '15:00', status: 'scheduled' };
  await db.collection('symposiums').add([
    { ...scheduled, _id: 'matrix-meeting-own', schoolId: 'demo-school', classId: 'demo-class-3-1' },
    { ...scheduled, _id: 'matrix-meeting-other', schoolId: OTHER.schoolId, classId: OTHER.classId },
  ]);
  const unsigned = { status: 'invited', signedBy: null, signedAt: null };
  await db.collection('meetingInvitations').add([
    {
      ...unsigned,
      _id: 'matrix-meeting-own_demo-child-01',
      symposiumId: 'matrix-meeting-own',
      schoolId: 'demo-school',
      classId: 'demo-class-3-1',
      childId: 'demo-child-01',
    },
    {
      ...unsigned,
      _id: `matrix-meeting-other_${OTHER.childId}`,
      symposiumId: 'matrix-meeting-other',
      schoolId: OTHER.schoolId,
      classId: OTHER.classId,
      childId: OTHER.childId,
    },
  ]);
});

afterAll(() => env.stop());

test('every registered action has a row in the matrix, and no row names an action that does not exist', async () => {
  const res = await env.api(DEMO_OPENIDS.admin, 'meta.actions', {});
  if (!res.ok) throw new Error(res.error.message);
  const registered = res.data.actions.map((a) => a.action).sort();
  expect(Object.keys(matrix()).sort()).toEqual(registered);
  for (const a of res.data.actions) expect(a.access).toBeTruthy();
});

const denied = (r: { ok: boolean; error?: { code: string } }) => !r.ok && (r.error?.code === 'FORBIDDEN' || r.error?.code === 'UNAUTHENTICATED');

describe.each(Object.keys(matrix()))('%s', (action) => {
  test.each(EVERYONE)('as %s', async (who) => {
    const row = matrix()[action];
    const own = await env.api(CALLERS[who], action as never, row.own);
    expect({ who, action, scope: 'own', allowed: !denied(own) }).toEqual({ who, action, scope: 'own', allowed: row.allowed.includes(who) });
    if (own.ok === false && row.allowed.includes(who)) expect(own.error.code).not.toBe('INTERNAL');
    if (row.other) {
      const other = await env.api(CALLERS[who], action as never, row.other);
      // Nobody of the demo school reaches the other school; a refusal carries no data.
      expect({ who, action, scope: 'other', denied: denied(other) }).toEqual({ who, action, scope: 'other', denied: true });
      expect(JSON.stringify(other)).not.toContain('赵小川');
    }
    for (const where of ['sameClass', 'sameSchool'] as const) {
      const input = aimed(row.own, where);
      if (!input) continue;
      const res = await env.api(CALLERS[who], action as never, input);
      expect({ who, action, scope: where, allowed: !denied(res) }).toEqual({ who, action, scope: where, allowed: expectedFor(row, where).includes(who) });
      if (!res.ok && expectedFor(row, where).includes(who)) expect(res.error.code).not.toBe('INTERNAL');
    }
  });
});

test('the other school still has its child and nothing of it was changed by the matrix', async () => {
  const res = await env.app.database().collection('children').doc(OTHER.childId).get();
  expect(res.data[0]).toMatchObject({ name: '赵小川', deletedAt: null });
  const mine = await env.app.database().collection('children').doc('demo-child-01').get();
  expect(mine.data[0]).toMatchObject({ name: '林小禾' });
});
