/**
 * Activities (活动), parent meetings and symposiums (家长会、座谈会) and honours (荣誉) of a school.
 * Days are Beijing "YYYY-MM-DD", months "YYYY-MM", times "HH:mm".
 *
 * A parent meeting is a symposium (talks.ts) scheduled ahead: the families of the children it names are invited
 * through the reminder engine, their sign-in is the symposium's attendance (and so counts toward 家长家教知识普及率),
 * the minutes and decisions complete it.
 */
import type { AidSource } from '../domain';

/**
 * 主题班队会, 节日活动 (元旦、六一游园), 励志教育专题片 (远程教育终端), 图书室开放, 文体活动 (书画展、演讲比赛、
 * 文艺演出), 送微笑, 留守儿童之家活动, 教师培训专班 (its participants are teachers).
 */
export type ActivityKind = 'class_meeting' | 'holiday' | 'film' | 'library' | 'sports_arts' | 'smile' | 'home_session' | 'training';

/** 出席, 缺席, 请假 */
export type AttendanceStatus = 'present' | 'absent' | 'leave';

export interface ActivityInput {
  classId?: string;
  schoolId?: string;
  kind: ActivityKind;
  title: string;
  date: string;
  place: string;
  /** Who organises it, in words: 少先队大队部, 王老师. */
  organiser: string;
  /** The children invited (a training invites teachers instead). */
  childIds: string[];
  /** The teachers invited to a training (their binding ids). */
  teacherIds?: string[];
}

export interface ActivityBrief {
  id: string;
  kind: ActivityKind;
  kindLabel: string;
  title: string;
  date: string;
  place: string;
  organiser: string;
  /** 三年级(1)班, or 全校 */
  placeName: string;
  invited: number;
  present: number;
  /** Has attendance been taken? */
  taken: boolean;
}

export interface ActivityPerson {
  /** The child's id, or the teacher's binding id. */
  personId: string;
  kind: 'child' | 'teacher';
  name: string;
  /** 三年级(1)班, 班主任 */
  note: string;
  status: AttendanceStatus | null;
  /** Materials handed out to the child here: 书包 1 个、文具 1 套 */
  materials: string;
}

export interface ActivityView extends ActivityBrief {
  /** The class it belongs to (null: the whole school's), so its photos are posted to that class. */
  classId: string | null;
  people: ActivityPerson[];
  /** Attendance may be taken from the activity's day on. */
  canTake: boolean;
  today: string;
}

export interface ActivityList {
  scope: { classId: string | null; schoolId: string; name: string };
  month: string;
  today: string;
  activities: ActivityBrief[];
  /** The month's parent meetings and symposiums scheduled ahead. */
  meetings: { id: string; kindLabel: string; topic: string; date: string; time: string; held: boolean }[];
}

/** Who may be invited to an activity of the place: its children (and, for the school, its teachers). */
export interface Invitable {
  scope: { classId: string | null; schoolId: string; name: string };
  children: { id: string; name: string; note: string }[];
  teachers: { id: string; name: string; note: string }[];
}

export type MeetingKind = 'parent_meeting' | 'symposium';
export type SignInStatus = 'invited' | AttendanceStatus;

export interface MeetingInput {
  classId?: string;
  schoolId?: string;
  kind: MeetingKind;
  date: string;
  time: string;
  topic: string;
  place: string;
  /** What will be discussed, item by item (what the invited families see). */
  agenda?: string[];
  /** The children whose parents and guardians are invited. */
  childIds: string[];
}

export interface MeetingFamily {
  childId: string;
  childName: string;
  /** 林小禾的奶奶（王秀英） */
  family: string;
  status: SignInStatus;
  statusLabel: string;
  /** 家长自己签到 15:02 when the family signed in themselves from their invitation, else ''. */
  signedNote: string;
}

/** 已安排, 已召开 (minutes written), 已取消 */
export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export interface MeetingView {
  id: string;
  kind: MeetingKind;
  kindLabel: string;
  status: MeetingStatus;
  date: string;
  time: string;
  topic: string;
  place: string;
  families: MeetingFamily[];
  invited: number;
  present: number;
  /** Families reached in WeChat (a parent or guardian bound to the child). */
  notified: number;
  /** 议程: what will be discussed, item by item. */
  agenda: string[];
  minutes: string;
  decisions: string[];
  /** Why it was cancelled (status cancelled), or null. */
  cancelReason: string | null;
  /** Sign-in and minutes from the meeting's day on. */
  canSignIn: boolean;
  today: string;
}

/**
 * A meeting as one invited family sees it (opened from their invitation): when, where and what about, and their own
 * sign-in; never another family's.
 */
export interface FamilyMeetingView extends Pick<MeetingView, 'id' | 'kindLabel' | 'status' | 'date' | 'time' | 'topic' | 'place' | 'agenda' | 'decisions'> {
  childId: string;
  childName: string;
  signIn: SignInStatus;
  signInLabel: string;
  /** The family signs in themselves on the meeting's day (Beijing time), unless it was cancelled. */
  canSignIn: boolean;
  /** Why they cannot sign in now (会议当天才能签到…), or ''. Decisions are shown once the meeting is held. */
  closedNote: string;
}

/** 校级, 镇级, 县级, 市级, 省级, 国家级 */
export type HonourLevel = 'school' | 'township' | 'county' | 'city' | 'province' | 'national';

export interface HonourInput {
  childId: string;
  /** e.g. 自强少年 */
  title: string;
  level: HonourLevel;
  date: string;
  /** The awarding body: 青山县教育局 */
  body: string;
  /** Also tell the class's families in the growth feed (only with the family's photo consent). */
  share: boolean;
}

export interface HonourView {
  id: string;
  title: string;
  level: HonourLevel;
  levelLabel: string;
  date: string;
  body: string;
}

/** A child's honours and activities, on the child's record. */
export interface ChildActivities {
  honours: HonourView[];
  /** Activities of this school year the child was invited to and attended. */
  invited: number;
  attended: number;
}

export interface ActivityActions {
  'activities.list': { input: { classId?: string; schoolId?: string; month?: string }; output: ActivityList };
  'activities.invitable': { input: { classId?: string; schoolId?: string }; output: Invitable };
  'activities.create': { input: ActivityInput; output: ActivityView };
  'activities.get': { input: { activityId: string }; output: ActivityView };
  /** Attendance per person, in one save; a person not invited is refused. */
  'activities.attend': { input: { activityId: string; marks: { personId: string; status: AttendanceStatus }[] }; output: ActivityView };
  /** Materials handed to children present at the activity, as material aid in their assistance ledger. */
  'activities.handOut': {
    input: { activityId: string; item: string; quantity: number; source: AidSource; childIds: string[] };
    output: { recorded: number; existing: number };
  };
  'meetings.schedule': { input: MeetingInput; output: MeetingView };
  'meetings.get': { input: { meetingId: string }; output: MeetingView };
  'meetings.signIn': { input: { meetingId: string; marks: { childId: string; status: AttendanceStatus }[] }; output: MeetingView };
  'meetings.minutes': { input: { meetingId: string; minutes: string; decisions: string[] }; output: MeetingView };
  /** A meeting that will not take place: the invited families are told; no sign-in any more. */
  'meetings.cancel': { input: { meetingId: string; reason: string }; output: MeetingView };
  /** The meeting as the family of an invited child sees it. */
  'meetings.family': { input: { meetingId: string; childId: string }; output: FamilyMeetingView };
  /** A parent or guardian of an invited child signs in themselves on the meeting's day: the same sign-in as the school's, once. */
  'meetings.checkIn': { input: { meetingId: string; childId: string }; output: FamilyMeetingView };
  'honours.add': { input: HonourInput; output: { honour: HonourView; shared: boolean; notice: string | null } };
}
