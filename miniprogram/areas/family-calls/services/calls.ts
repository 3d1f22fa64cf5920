/**
 * Small helpers of the family-call pages: Beijing days on the phone (whatever its time zone), status colours, and
 * the option lists of the forms. Labels of times come from the server (CallView.when), these are for inputs.
 */
import type { FamilyCallStatus } from '../../../../typings/domain';

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

function beijingParts(at: Date) {
  const b = new Date(at.getTime() + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${b.getUTCFullYear()}-${pad(b.getUTCMonth() + 1)}-${pad(b.getUTCDate())}`, clock: `${pad(b.getUTCHours())}:${pad(b.getUTCMinutes())}` };
}

/** Today's Beijing day "YYYY-MM-DD". */
export function beijingToday(now: Date = new Date()): string {
  return beijingParts(now).date;
}

/** The Beijing wall clock now, "HH:mm". */
export function beijingClock(now: Date = new Date()): string {
  return beijingParts(now).clock;
}

/** "YYYY-MM-DD" plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** TDesign tag theme per status. */
export function statusTheme(status: FamilyCallStatus): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  switch (status) {
    case 'confirmed':
      return 'primary';
    case 'done':
      return 'success';
    case 'moved':
      return 'warning';
    case 'missed':
      return 'danger';
    case 'cancelled':
      return 'default';
    default:
      return 'warning';
  }
}

export const WEEKDAYS = [
  { value: 1, label: '周一' },
  { value: 2, label: '周二' },
  { value: 3, label: '周三' },
  { value: 4, label: '周四' },
  { value: 5, label: '周五' },
  { value: 6, label: '周六' },
  { value: 7, label: '周日' },
];

export const CALL_MINUTES = [15, 30, 45, 60];

export const MOODS = [
  { value: 'happy', label: '开心' },
  { value: 'calm', label: '平静' },
  { value: 'low', label: '情绪低落' },
  { value: 'upset', label: '哭闹/不安' },
];

export const MISSED_BY = [
  { value: 'parent', label: '家长未接听' },
  { value: 'child', label: '孩子缺席' },
  { value: 'school', label: '学校原因' },
  { value: 'network', label: '网络或设备故障' },
];

/** A blank text field as the api wants it: null. */
export function orNull(text: string): string | null {
  const t = (text ?? '').trim();
  return t ? t : null;
}
