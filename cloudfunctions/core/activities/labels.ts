/** The Chinese names of activity kinds, attendance, meetings and honour levels (the mini-program reads them generated). */
import type { ActivityKind, AttendanceStatus, HonourLevel, MeetingKind, SignInStatus } from '../../../typings/actions/activities';

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  class_meeting: '主题班队会',
  holiday: '节日活动',
  film: '励志教育专题片',
  library: '图书室开放',
  sports_arts: '文体活动',
  smile: '送微笑',
  home_session: '留守儿童之家活动',
  training: '教师培训专班',
};

export const ACTIVITY_KINDS = Object.keys(ACTIVITY_KIND_LABELS) as [ActivityKind, ...ActivityKind[]];

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = { present: '出席', absent: '缺席', leave: '请假' };
export const ATTENDANCE_STATUSES = Object.keys(ATTENDANCE_LABELS) as [AttendanceStatus, ...AttendanceStatus[]];

export const SIGN_IN_LABELS: Record<SignInStatus, string> = { invited: '未签到', ...ATTENDANCE_LABELS };

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { parent_meeting: '家长会', symposium: '座谈会' };

export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  school: '校级',
  township: '镇级',
  county: '县级',
  city: '市级',
  province: '省级',
  national: '国家级',
};
export const HONOUR_LEVELS = Object.keys(HONOUR_LEVEL_LABELS) as [HonourLevel, ...HonourLevel[]];

/** How many people one activity or meeting may invite. */
export const MAX_INVITED = 300;
