/** The records of activities, meeting invitations and honours as stored (cloudbase/collections.json). */
import type { ActivityKind, AttendanceStatus, HonourLevel, SignInStatus } from '../../../typings/actions/activities';

/** An activity of a class (classId) or of the whole school (classId null). */
export interface ActivityRecord {
  _id: string;
  schoolId: string;
  classId: string | null;
  kind: ActivityKind;
  title: string;
  date: string;
  place: string;
  organiser: string;
  createdBy: string;
  createdAt: Date;
}

/** One invited person of an activity (collection `activityAttendance`): a child, or a teacher at a training. */
export interface ActivityAttendance {
  /** `${activityId}_${personId}` */
  _id: string;
  activityId: string;
  schoolId: string;
  classId: string | null;
  childId: string | null;
  /** The teacher's binding, for a training. */
  bindingId: string | null;
  kind: 'child' | 'teacher';
  /** The teacher's name as invited (a child's name is read from the archive). */
  name: string | null;
  date: string;
  status: AttendanceStatus | null;
  /** Materials handed out to the child here, in words (书包 1 件); the ledger holds the entries. */
  materials?: string[];
  takenBy: string | null;
  takenAt: Date | null;
}

/** One invited family of a parent meeting or symposium (collection `meetingInvitations`), by child. */
export interface MeetingInvitation {
  /** `${symposiumId}_${childId}` */
  _id: string;
  symposiumId: string;
  schoolId: string;
  classId: string;
  childId: string;
  status: SignInStatus;
  signedBy: string | null;
  signedAt: Date | null;
}

/** An honour of a child (collection `honours`). */
export interface HonourRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  title: string;
  level: HonourLevel;
  date: string;
  body: string;
  /** The class post that told the families, when the family had agreed. */
  postId: string | null;
  createdBy: string;
  createdAt: Date;
}
