/**
 * 关爱室与设备（管理员）：本校的关爱室和其中的通话设备（平板、电脑、手机），每台设备每周各天的开放时间
 * （北京时间），是否启用。新增或修改一个关爱室（rooms.save，带读到的版本号）；服务端的中文提示原样显示，
 * 例如要删除或停用的设备还有预约的通话。
 * 首屏一次 rooms.list 调用：从首页进入时 url 带 ?schoolId=；不带时先用 whoami 找到管理员身份的学校。
 */
import type { CallDeviceKind, ClockRange } from '../../../../../typings/domain';
import type { DeviceInput, RoomView } from '../../../../../typings/actions/familyCalls';
import type { ActionInput } from '../../../../../typings/actions';
import { call, errorMessage } from '../../../../services/api';
import { loadAdminScreen } from '../../../../services/screen';
import { orNull, WEEKDAYS } from '../../services/calls';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type DayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';

const KIND_OPTIONS: { label: string; value: CallDeviceKind }[] = [
  { label: '平板', value: 'tablet' },
  { label: '电脑', value: 'pc' },
  { label: '手机', value: 'phone' },
];
const DAYS: DayKey[] = ['1', '2', '3', '4', '5', '6', '7'];
const DAY_LABEL: Record<DayKey, string> = Object.fromEntries(WEEKDAYS.map((w) => [String(w.value), w.label])) as Record<DayKey, string>;

/** One device in the form: its opening hours as the admin types them, per weekday ("18:00-20:00，14:00-17:00"). */
interface DeviceForm {
  /** Stable key for wx:for (the server id, or a local one for a new device). */
  key: string;
  id: string;
  name: string;
  kind: CallDeviceKind;
  wechatName: string;
  active: boolean;
  hours: { day: DayKey; label: string; text: string }[];
}

interface RoomForm {
  roomId: string;
  version: number;
  name: string;
  location: string;
  devices: DeviceForm[];
}

interface RoomRow extends RoomView {
  devices: (RoomView['devices'][number] & { hoursLines: string[] })[];
}

let newKeys = 0;

function rangesText(ranges: ClockRange[] | undefined): string {
  return (ranges ?? []).map((r) => `${r.start}-${r.end}`).join('，');
}

function blankDevice(): DeviceForm {
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

function formOf(room: RoomView | null): RoomForm {
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

function rows(rooms: RoomView[]): RoomRow[] {
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
function saveInput(schoolId: string, form: RoomForm): { input: ActionInput<'rooms.save'> } | { error: string } {
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

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string; index?: number; day?: string }>;
type IndexEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { index?: number; id?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    rooms: [] as RoomRow[],
    kindOptions: KIND_OPTIONS,
    /** The room being added or changed; null while the list shows. */
    form: null as RoomForm | null,
    formError: '',
    saving: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '' });
      this.load();
    },

    onPullDownRefresh() {
      this.load().then(() => wx.stopPullDownRefresh());
    },

    load() {
      return loadAdminScreen(this, async (schoolId) => {
        const res = await call('rooms.list', { schoolId });
        this.setData({ state: 'ready', rooms: rows(res.rooms) });
      });
    },

    onRetry() {
      this.load();
    },

    onAddRoom() {
      this.setData({ form: formOf(null), formError: '' });
    },

    onEditRoom(e: IndexEvent) {
      const room = this.data.rooms.find((r) => r.id === e.currentTarget.dataset.id);
      if (room) this.setData({ form: formOf(room), formError: '' });
    },

    onCancel() {
      this.setData({ form: null, formError: '' });
    },

    onRoomField(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (field === 'name' || field === 'location') this.setData({ [`form.${field}`]: String(e.detail.value ?? '') });
    },

    onDeviceField(e: FieldEvent) {
      const { field, index } = e.currentTarget.dataset;
      const i = Number(index);
      if (!this.data.form?.devices[i]) return;
      if (field === 'active') this.setData({ [`form.devices[${i}].active`]: e.detail.value === true });
      else if (field === 'name' || field === 'kind' || field === 'wechatName') this.setData({ [`form.devices[${i}].${field}`]: String(e.detail.value ?? '') });
    },

    onHoursField(e: FieldEvent) {
      const { index, day } = e.currentTarget.dataset;
      const d = DAYS.indexOf(String(day) as DayKey);
      if (d < 0 || !this.data.form?.devices[Number(index)]) return;
      this.setData({ [`form.devices[${Number(index)}].hours[${d}].text`]: String(e.detail.value ?? '') });
    },

    /** 周二至周五同周一: most rooms open the same hours on school days. */
    onCopyMonday(e: IndexEvent) {
      const i = Number(e.currentTarget.dataset.index);
      const device = this.data.form?.devices[i];
      if (!device) return;
      const monday = device.hours[0].text;
      this.setData({ [`form.devices[${i}].hours`]: device.hours.map((h, d) => (d >= 1 && d <= 4 ? { ...h, text: monday } : h)) });
    },

    onAddDevice() {
      const form = this.data.form;
      if (form) this.setData({ 'form.devices': [...form.devices, blankDevice()] });
    },

    /** Takes the device out of the form; the server refuses the save if it still has calls booked. */
    onRemoveDevice(e: IndexEvent) {
      const form = this.data.form;
      const i = Number(e.currentTarget.dataset.index);
      if (form) this.setData({ 'form.devices': form.devices.filter((_, k) => k !== i), formError: '' });
    },

    async onSave() {
      const form = this.data.form;
      if (!form || this.data.saving) return;
      const built = saveInput(this.data.schoolId, form);
      if ('error' in built) {
        this.setData({ formError: built.error });
        return;
      }
      this.setData({ saving: true, formError: '' });
      try {
        const room = await call('rooms.save', built.input);
        const rooms = this.data.rooms.some((r) => r.id === room.id) ? this.data.rooms.map((r) => (r.id === room.id ? room : r)) : [...this.data.rooms, room];
        this.setData({ rooms: rows(rooms), form: null });
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        this.setData({ formError: errorMessage(err) });
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
