/**
 * The rooms page's form: a room with its devices, each device's opening hours per weekday as the admin types them
 * ("18:00-20:00，14:00-17:00"), and the form as rooms.save takes it (or the first thing to fix, in Chinese).
 */
import type { CallDeviceKind, ClockRange } from '../../../../typings/domain';
import type { DeviceInput, RoomView } from '../../../../typings/actions/familyCalls';
import type { ActionInput } from '../../../../typings/actions';
import { orNull, WEEKDAYS } from './calls';

export type DayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

export const KIND_OPTIONS: { label: string; value: CallDeviceKind }[] = [
  { label: '平板', value: 'tablet' },
  { label: '电脑', value: 'pc' },
  { label: '手机', value: 'phone' },
];
export const DAYS: DayKey[] = ['1', '2', '3', '4', '5', '6', '7'];
const DAY_LABEL: Record<DayKey, string> = Object.fromEntries(WEEKDAYS.map((w) => [String(w.value), w.label])) as Record<DayKey, string>;

/** One device in the form: its opening hours as the admin types them, per weekday. */
export interface DeviceForm {
  /** Stable key for wx:for (the server id, or a local one for a new device). */
  key: string;
  id: string;
  name: string;
  kind: CallDeviceKind;
  wechatName: string;
  active: boolean;
  hours: { day: DayKey; label: string; text: string }[];
}

export interface RoomForm {
  roomId: string;
  version: number;
  name: string;
  location: string;
  devices: DeviceForm[];
}

export interface RoomRow extends RoomView {
  devices: (RoomView['devices'][number] & { hoursLines: string[] })[];
}

let newKeys = 0;

function rangesText(ranges: ClockRange[] | undefined): string {
  return (ranges ?? []).map((r) => `${r.start}-${r.end}`).join('，');
}

export function blankDevice(): DeviceForm {
  newKeys += 1;
  return {
    key: `new${newKeys}`,
    id: '',
    name: '',
    kind: 'tablet',
    wechatName: '',
    active: true,
    hours: DAYS.map((day) => ({ day, label: DAY_LABEL[day], text: '' })),
  };
}

export function formOf(room: RoomView | null): RoomForm {
  if (!room) return { roomId: '', version: 0, name: '', location: '', devices: [blankDevice()] };
  return {
    roomId: room.id,
    version: room.version,
    name: room.name,
    location: room.location ?? '',
    devices: room.devices.map((d) => ({
      key: d.id,
      id: d.id,
      name: d.name,
      kind: d.kind,
      wechatName: d.wechatName ?? '',
      active: d.active,
      hours: DAYS.map((day) => ({ day, label: DAY_LABEL[day], text: rangesText(d.hours[day]) })),
    })),
  };
}

export function rows(rooms: RoomView[]): RoomRow[] {
  return rooms.map((r) => ({
    ...r,
    devices: r.devices.map((d) => ({ ...d, hoursLines: d.hoursText.length ? d.hoursText : ['未设开放时间'] })),
  }));
}

const CLOCK = /^(\d{1,2})[:：](\d{2})$/;

function clockOf(text: string): string | null {
  const m = CLOCK.exec(text.trim());
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : null;
}

/**
 * "18:00-20:00，14:00-17:00" → ranges. Only the shape is checked here (so it can be sent); the quarter-hour grid,
 * order and overlaps are the server's to judge, and its Chinese message is shown.
 */
function parseHours(text: string): ClockRange[] | null {
  const parts = text
    .replace(/\s*([-–—~～至到])\s*/g, '$1')
    .split(/[,，、;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges: ClockRange[] = [];
  for (const part of parts) {
    const [a, b, extra] = part.split(/[-–—~～至到]/);
    const start = a !== undefined ? clockOf(a) : null;
    const end = b !== undefined ? clockOf(b) : null;
    if (!start || !end || extra !== undefined) return null;
    ranges.push({ start, end });
  }
  return ranges;
}

/** The form as rooms.save wants it, or the first thing to fix, in Chinese. */
export function saveInput(schoolId: string, form: RoomForm): { input: ActionInput<'rooms.save'> } | { error: string } {
  const devices: DeviceInput[] = [];
  for (const [i, d] of form.devices.entries()) {
    const hours: DeviceInput['hours'] = {};
    for (const h of d.hours) {
      const ranges = parseHours(h.text);
      if (!ranges)
        return {
          error: `设备${d.name.trim() ? `「${d.name.trim()}」` : ` ${i + 1}`}${h.label}的开放时间「${h.text.trim()}」看不懂，请写成 18:00-20:00，多段用逗号分开`,
        };
      if (ranges.length) hours[h.day] = ranges;
    }
    devices.push({
      ...(d.id ? { id: d.id } : {}),
      name: d.name.trim(),
      kind: d.kind,
      wechatName: orNull(d.wechatName),
      hours,
      active: d.active,
    });
  }
  const base = { schoolId, name: form.name.trim(), location: orNull(form.location), devices };
  return { input: form.roomId ? { ...base, roomId: form.roomId, expectedVersion: form.version } : base };
}
