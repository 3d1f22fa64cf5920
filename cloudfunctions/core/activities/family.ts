/**
 * A parent meeting as an invited family sees it, and the family's own sign-in (家长自己签到). The router has
 * granted the child (the caller is the child's parent or guardian); the meeting is the family's only when the child
 * is on its invitation list. Signing in is the school's sign-in of that family as present: the invitation row says
 * present and the symposium gets the family's guardian attendance, the one record 家长家教知识普及率 counts, stored
 * once however often (or however many at once) it is sent.
 */
import type { FamilyMeetingView } from '../../../typings/actions/activities';
import type { TodoItem } from '../../../typings/actions/growth';
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

/** How far ahead the parent home's to-do names a meeting the family is invited to. */
const AHEAD_DAYS = 7;

/**
 * The parent home's to-do for meetings: each scheduled meeting of the child's school the family is invited to, from
 * today to a week ahead (Beijing days), until the family has signed in; on the day it asks them to sign in on arrival.
 */
export async function meetingTodos(db: Database, childId: string, now: Date): Promise<TodoItem[]> {
  const today = beijingDate(now);
  const last = beijingDate(new Date(now.getTime() + AHEAD_DAYS * 86_400_000));
  const res = await db
    .collection(COLLECTION.meetingInvitations)
    .aggregate()
    .match({ childId, status: 'invited' })
    .lookup({ from: COLLECTION.symposiums, localField: 'symposiumId', foreignField: '_id', as: 'meetings' })
    .project({ schoolId: 1, meetings: { _id: 1, schoolId: 1, kind: 1, status: 1, date: 1, time: 1, topic: 1, place: 1 } })
    .limit(1000)
    .end();
  type Row = Pick<MeetingInvitation, 'schoolId'> & { meetings: SymposiumRecord[] };
  return ((res as { data: Row[] }).data ?? [])
    .flatMap((r) => r.meetings.filter((m) => m.schoolId === r.schoolId))
    .filter((m) => m.status === 'scheduled' && m.date >= today && m.date <= last)
    .sort((a, b) => `${a.date} ${a.time ?? ''}`.localeCompare(`${b.date} ${b.time ?? ''}`))
    .map((m) => {
      const { kindLabel, time } = meetingHead(m);
      const when = m.date === today ? `今天${time}` : `${monthDayText(m.date)}${time ? ` ${time}` : ''}`;
      return {
        kind: 'meeting' as const,
        title: m.date === today ? `${when}${kindLabel}「${m.topic}」，到场后请在这里签到` : `${when}${kindLabel}「${m.topic}」（${m.place}）`,
        page: `areas/activities/pages/meeting/index?id=${m._id}&childId=${childId}`,
      };
    });
}
