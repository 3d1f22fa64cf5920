/**
 * Small helpers of the family-call pages: status colours, where a call happens, and the option lists of the forms.
 * Labels of call times come from the server (CallView.when); Beijing days for inputs from services/time.
 */
import type { FamilyCallStatus } from '../../../../typings/domain';

/**
 * Where a call happens, as one name: the device, with its room when the device's own name does not already say it.
 * In a list (关爱室平板; 二楼关爱室 · 平板) or, `inSentence`, in a sentence (用关爱室平板; 用二楼关爱室的平板).
 */
export function placeLabel(device: { name: string; roomName: string }, options: { inSentence?: boolean } = {}): string {
  if (!device.roomName || device.name.includes(device.roomName)) return device.name;
  return `${device.roomName}${options.inSentence ? '的' : ' · '}${device.name}`;
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
