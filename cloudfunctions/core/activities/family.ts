/**
 * A parent meeting as an invited family sees it, and the family's own sign-in (家长自己签到). The router has
 * granted the child (the caller is the child's parent or guardian); the meeting is the family's only when the child
 * is on its invitation list. Signing in is the school's sign-in of that family as present: the invitation row says
 * present and the symposium gets the family's guardian attendance, the one record 家长家教知识普及率 counts, stored
 * once however often (or however many at once) it is sent.
 */
import type { FamilyMeetingView } from '../../../typings/actions/activities';
import type { Child, ContactCard } from '../../../typings/domain';
import type { Database, Transaction } from '../cloud';
import { AppError } from '../errors';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { storeOnce } from '../community/once';
import type { AttendanceRecord, SymposiumRecord } from '../talks/records';
import type { Writer } from '../talks/writer';
import { beijingDate, monthDayText } from '../time';
import { SIGN_IN_LABELS } from './labels';
import { attendanceRowId, familyOf, meetingHead } from './meetings';
import type { MeetingInvitation } from './records';

interface Invited {
  meeting: SymposiumRecord;
  invitation: MeetingInvitation;
}

/** The meeting and the child's invitation to it; a meeting the child is not invited to (or none at all) is refused alike. */
async function invitedMeeting(db: Database, meetingId: string, child: Child): Promise<Invited> {
  const [meeting, invitation] = await Promise.all([
    db
      .collection(COLLECTION.symposiums)
      .doc(meetingId)
      .get()
      .then(docOf<SymposiumRecord>),
    db
      .collection(COLLECTION.meetingInvitations)
      .doc(`${meetingId}_${child._id}`)
      .get()
      .then(docOf<MeetingInvitation>),
  ]);
  if (!meeting || !invitation || invitation.childId !== child._id || meeting.schoolId !== child.schoolId)
    throw new AppError('FORBIDDEN', `这次会议没有邀请${child.name}的家长，请从消息中心的邀请打开`);
  return { meeting, invitation };
}

/** Why the family cannot sign in now, or '' on the meeting's day (Beijing time). */
function closedNote(m: SymposiumRecord, today: string): string {
  if (m.status === 'cancelled') return `这次会议已取消${m.cancelReason ? `：${m.cancelReason}` : ''}`;
  if (m.date > today) return `会议当天（${monthDayText(m.date)}）才能签到`;
  if (m.date < today) return '会议已经结束，不能再签到；如果您参加了，请联系老师补签';
  return '';
}

function view({ meeting: m, invitation }: Invited, child: Child, now: Date): FamilyMeetingView {
  const note = closedNote(m, beijingDate(now));
  return {
    ...meetingHead(m),
    childId: child._id,
    childName: child.name,
    signIn: invitation.status,
    signInLabel: SIGN_IN_LABELS[invitation.status],
    canSignIn: !note && invitation.status !== 'present',
    closedNote: note,
    decisions: m.status === 'held' ? m.decisions : [],
  };
}

export async function familyMeeting(db: Database, meetingId: string, child: Child, now: Date): Promise<FamilyMeetingView> {
  return view(await invitedMeeting(db, meetingId, child), child, now);
}

/** The family signs in as present, on the meeting's day only; again (or at once) it is the same one sign-in. */
export async function checkIn(w: Writer, meetingId: string, child: Child): Promise<FamilyMeetingView> {
  const [invited, card] = await Promise.all([
    invitedMeeting(w.db, meetingId, child),
    w.db
      .collection(COLLECTION.contactCards)
      .doc(child._id)
      .get()
      .then(docOf<ContactCard>),
  ]);
  const { meeting: m, invitation } = invited;
  const refusal = closedNote(m, beijingDate(w.now));
  if (refusal) throw new AppError(m.status === 'cancelled' ? 'CONFLICT' : 'INVALID_INPUT', refusal);
  const row: AttendanceRecord = {
    _id: attendanceRowId(m._id, child._id),
    symposiumId: m._id,
    schoolId: m.schoolId,
    childId: child._id,
    kind: 'guardian',
    refId: child._id,
    name: familyOf(child, card),
  };
  const signed = { status: 'present' as const, signedBy: w.openid, signedAt: w.now };
  await storeOnce<AttendanceRecord, void>(
    w.db,
    COLLECTION.symposiumAttendance,
    row._id,
    async (tx: Transaction) => {
      // the row first: of many arrivals at once only the one that holds it goes on to touch the shared invitation
      await tx.collection(COLLECTION.symposiumAttendance).add(row);
      await Promise.all([
        tx.collection(COLLECTION.meetingInvitations).doc(invitation._id).update(signed),
        audit(tx, w.actor, [{ kind: 'change', schoolId: m.schoolId, childId: child._id, fields: ['symposiumAttendance'], note: `家长签到：${m.topic}` }]),
      ]);
    },
    () => undefined,
  );
  return view({ meeting: m, invitation: { ...invitation, ...signed } }, child, w.now);
}
