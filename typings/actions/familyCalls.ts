/**
 * Family calls: weekly video calls in the care room (亲情视频), the class family phone log (亲情电话), rooms and
 * devices (视频通话点), the school calendar (校历), weekly contact coverage.
 * Times are Beijing: dates "YYYY-MM-DD", clocks "HH:mm" on a quarter-hour grid, instants ISO strings.
 */
import type { CallDeviceKind, CallMood, ClockRange, FamilyCallStatus, MissedBy, Weekday } from '../domain';

export interface DeviceInput {
  /** Omit for a new device. */
  id?: string;
  name: string;
  kind: CallDeviceKind;
  wechatName?: string | null;
  hours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', ClockRange[]>>;
  active?: boolean;
}

export interface DeviceView {
  id: string;
  name: string;
  kind: CallDeviceKind;
  kindLabel: string;
  wechatName: string | null;
  hours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', ClockRange[]>>;
  /** e.g. ["周一 18:00-20:00", "周六 09:00-11:30、14:00-17:00"] */
  hoursText: string[];
  active: boolean;
  roomId: string;
  roomName: string;
}

export interface RoomView {
  id: string;
  schoolId: string;
  name: string;
  location: string | null;
  version: number;
  devices: DeviceView[];
}

export interface CalendarInput {
  terms: { name: string; start: string; end: string }[];
  holidays: { name: string; start: string; end: string }[];
  makeUpDays: { date: string; weekday: Weekday; name: string }[];
}

export interface CalendarView extends CalendarInput {
  schoolId: string;
  /** 0 before the first save. */
  version: number;
  /** The term containing today, if any. */
  currentTerm: { name: string; start: string; end: string } | null;
}

export interface ParentRef {
  bindingId: string;
  /** e.g. 林小禾的妈妈 */
  label: string;
  role: 'parent' | 'guardian';
}

export interface AvailabilitySlot {
  weekday: Weekday;
  start: string;
  end: string;
}

export interface AvailabilityView {
  bindingId: string;
  label: string;
  slots: AvailabilitySlot[];
  /** e.g. "周一 19:00-21:00" */
  slotsText: string[];
  note: string | null;
  updatedAt: string | null;
}

export interface CallView {
  id: string;
  seriesId: string;
  childId: string;
  childName: string;
  classId: string;
  date: string;
  time: string;
  minutes: number;
  weekday: Weekday;
  weekKey: string;
  startsAt: string;
  endsAt: string;
  /** In the reader's words relative to now: "周三 19:30，还有2天", "今天 19:30（还有3小时）". */
  when: string;
  status: FamilyCallStatus;
  statusLabel: string;
  device: { id: string; name: string; roomName: string };
  parents: ParentRef[];
  confirmedAt: string | null;
  movedFrom: { date: string; time: string } | null;
  moveRequest: {
    proposals: { date: string; time: string; label: string }[];
    note: string | null;
    byLabel: string;
    at: string;
    status: 'pending' | 'accepted' | 'declined';
    answerNote: string | null;
  } | null;
  outcome: {
    minutes: number;
    joined: string[];
    others: string | null;
    note: string | null;
    mood: CallMood | null;
    moodLabel: string | null;
  } | null;
  missed: { by: MissedBy; byLabel: string; reason: string } | null;
  cancelReason: string | null;
  rebookOf: string | null;
}

export interface BookInput {
  childId: string;
  deviceId: string;
  weekday: Weekday;
  time: string;
  minutes: number;
  /** First day the series may start (its first call is the first `weekday` on or after it). */
  startDate: string;
  /** Last day; default: the end of the term containing startDate. */
  endDate?: string;
  /** Or a number of weeks (1 = a one-off call). */
  weeks?: number;
  parentBindingIds: string[];
  /** Dates of the series to leave out (after a CONFLICT listed them). */
  skipDates?: string[];
  /** Rebooking a missed call: its id. */
  rebookOf?: string;
}

export interface BookResult {
  seriesId: string;
  count: number;
  dates: string[];
  first: CallView;
}

export interface Suggestion {
  weekday: Weekday;
  time: string;
  minutes: number;
  deviceId: string;
  deviceName: string;
  /** "周三 19:30 · 平板" */
  label: string;
  /** Of the next `weeksChecked` weeks, how many are free. */
  freeWeeks: number;
  weeksChecked: number;
  /** All parents who stated their times can take it (false when nobody stated any). */
  fitsParents: boolean;
}

/**
 * Who gets a series' morning agenda, rebook prompts and parents' requests: the teacher who booked it while they
 * still teach the class; once they leave or lose the class, the class teacher (`handedOver`).
 */
export interface SeriesTeacher {
  /** Their binding labels, e.g. 三年级(1)班 班主任. */
  labels: string[];
  handedOver: boolean;
  /** e.g. 预约的老师已不再负责本班，提醒改发给三年级(1)班 班主任 */
  text: string;
}

export interface PlanView {
  child: { id: string; name: string; classId: string };
  parents: ParentRef[];
  availability: AvailabilityView[];
  devices: DeviceView[];
  /** Live weekly bookings of the child, each with who gets its agenda and prompts now. */
  series: { id: string; label: string; deviceName: string; next: CallView | null; remindersTo: SeriesTeacher }[];
  suggestions: Suggestion[];
  currentTerm: { name: string; start: string; end: string } | null;
  today: string;
}

/** A call in the week agenda: what its row shows (the call's own page has the rest). */
export type AgendaCall = Pick<CallView, 'id' | 'childId' | 'childName' | 'date' | 'time' | 'minutes' | 'status' | 'statusLabel' | 'device'>;

/** A class in a school's week: its calls (not cancelled) and this week's contact coverage. */
export interface WeekClass {
  classId: string;
  name: string;
  calls: number;
  done: number;
  leftBehind: number;
  contacted: number;
  rate: number | null;
}

/**
 * A class's week: its calls day by day, its family-phone log and its children. A whole school's week is each
 * class's numbers (`classes`; open a class for its calls), with no days, calls or children of its own.
 */
export interface WeekView {
  /** The class (or school) shown: its id and name. */
  scope: { classId: string | null; schoolId: string; name: string };
  weekKey: string;
  /** Monday and Sunday, Beijing. */
  from: string;
  to: string;
  days: { date: string; label: string; calls: AgendaCall[] }[];
  /** The week's family-phone calls, the newest first, at most 40 (`phoneTotal` counts them all). */
  phoneCalls: PhoneCallView[];
  phoneTotal: number;
  coverage: { leftBehind: number; contacted: number; rate: number | null };
  /** The left-behind children of the class and their contact this week (to book or log a call for). */
  children: { childId: string; name: string; contactedThisWeek: boolean; weeksWithout: number }[];
  classes: WeekClass[];
}

export interface PhoneCallView {
  id: string;
  childId: string;
  childName: string;
  at: string;
  /** "3月5日 19:30" */
  atLabel: string;
  minutes: number;
  who: string;
  note: string | null;
}

export type JoinInfo =
  { kind: 'wechat-voip'; roomType: 'video'; listener: { openid: string; nickname: string }[]; hint: string } | { kind: 'manual'; steps: string[] };

export interface CallDetail {
  call: CallView;
  viewAs: 'admin' | 'teacher' | 'parent' | 'guardian';
  canManage: boolean;
  join: JoinInfo;
  /** Other calls of the same series from this one on (for "this and following"). */
  following: number;
  devices: DeviceView[];
}

export interface MyChildCalls {
  childId: string;
  childName: string;
  next: CallView | null;
  upcoming: CallView[];
  history: CallView[];
  availability: AvailabilityView | null;
}

export interface HistoryItem {
  kind: 'video' | 'phone';
  id: string;
  at: string;
  label: string;
  minutes: number | null;
  status: FamilyCallStatus | 'logged';
  statusLabel: string;
  note: string | null;
}

export interface CoverageChild {
  childId: string;
  name: string;
  classId: string;
  className: string;
  contactedThisWeek: boolean;
  lastContactAt: string | null;
  /** Whole weeks up to and including the chosen one without any contact (capped at 8). */
  weeksWithout: number;
  mentor: string | null;
}

export interface CoverageView {
  weekKey: string;
  from: string;
  to: string;
  school: { leftBehind: number; contacted: number; rate: number | null };
  classes: { classId: string; name: string; leftBehind: number; contacted: number; rate: number | null }[];
  /** No video or phone contact in the chosen week nor the week before. */
  flagged: CoverageChild[];
}

export interface FamilyCallActions {
  'rooms.list': { input: { schoolId: string }; output: { rooms: RoomView[] } };
  'rooms.save': {
    input: { schoolId: string; roomId?: string; expectedVersion?: number; name: string; location?: string | null; devices: DeviceInput[] };
    output: RoomView;
  };
  'calendar.get': { input: { schoolId: string }; output: CalendarView };
  /** `affected`: calls already booked on days the saved calendar closes (to move or cancel). */
  'calendar.save': {
    input: { schoolId: string; expectedVersion: number } & CalendarInput;
    output: CalendarView & { affected: { callId: string; date: string; time: string; reason: string }[] };
  };
  'familyCalls.availability': { input: { childId: string; slots: AvailabilitySlot[]; note?: string | null }; output: AvailabilityView };
  'familyCalls.plan': { input: { childId: string; minutes?: number; parentBindingIds?: string[]; startDate?: string }; output: PlanView };
  'familyCalls.book': { input: BookInput; output: BookResult };
  /** Without classId/schoolId: the caller's own class (a class teacher), or their school (an admin). */
  'familyCalls.week': { input: { classId?: string; schoolId?: string; date?: string }; output: WeekView };
  'familyCalls.get': { input: { callId: string }; output: CallDetail };
  'familyCalls.record': {
    input:
      | {
          callId: string;
          result: 'done';
          minutes: number;
          joinedBindingIds: string[];
          others?: string | null;
          note?: string | null;
          mood?: CallMood | null;
        }
      | { callId: string; result: 'missed'; by: MissedBy; reason: string };
    output: CallView;
  };
  'familyCalls.move': {
    input:
      | { callId: string; scope: 'one'; date: string; time: string; minutes?: number; deviceId?: string }
      | { callId: string; scope: 'following'; weekday: Weekday; time: string; minutes?: number; deviceId?: string };
    output: { moved: number; call: CallView };
  };
  'familyCalls.cancel': { input: { callId: string; scope: 'one' | 'following'; reason?: string | null }; output: { cancelled: number } };
  'familyCalls.confirm': { input: { callId: string }; output: CallView };
  'familyCalls.requestMove': {
    input: { callId: string; proposals: { date: string; time: string }[]; note?: string | null };
    output: CallView;
  };
  'familyCalls.answerMove': { input: { callId: string; accept: number | null; note?: string | null }; output: CallView };
  'familyCalls.mine': { input: Record<string, never>; output: { children: MyChildCalls[] } };
  'familyCalls.history': { input: { childId: string; before?: string }; output: { items: HistoryItem[]; next: string | null } };
  'familyCalls.join': { input: { callId: string }; output: JoinInfo };
  'phoneCalls.log': {
    input: { childId: string; date: string; time: string; minutes: number; who: string; note?: string | null };
    output: PhoneCallView;
  };
  'familyCalls.coverage': { input: ({ classId: string } | { schoolId: string }) & { date?: string }; output: CoverageView };
}
