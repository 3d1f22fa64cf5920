/**
 * <device-form>: one device of a room in the rooms form: its name, kind, the WeChat it is signed in to, whether it
 * can be booked, and its opening hours per weekday (周二至周五同周一 copies Monday). Every change emits `change`
 * { index, device } (index: its `position`) with the device as it is now; 删除此设备 emits `remove` { index }.
 */
import type { DeviceForm } from '../../services/rooms';
import { KIND_OPTIONS } from '../../services/rooms';
import props from './props';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field?: string; day?: string }>;

Component({
  properties: props,

  data: {
    kindOptions: KIND_OPTIONS,
  },

  methods: {
    emit(device: DeviceForm) {
      this.triggerEvent('change', { index: this.data.position, device });
    },

    onField(e: FieldEvent) {
      const device = this.data.device as DeviceForm | null;
      const field = e.currentTarget.dataset.field;
      if (!device) return;
      if (field === 'active') this.emit({ ...device, active: e.detail.value === true });
      else if (field === 'name' || field === 'kind' || field === 'wechatName') this.emit({ ...device, [field]: String(e.detail.value ?? '') });
    },

    onHours(e: FieldEvent) {
      const device = this.data.device as DeviceForm | null;
      const day = String(e.currentTarget.dataset.day);
      if (device) this.emit({ ...device, hours: device.hours.map((h) => (h.day === day ? { ...h, text: String(e.detail.value ?? '') } : h)) });
    },

    /** 周二至周五同周一: most rooms open the same hours on school days. */
    onCopyMonday() {
      const device = this.data.device as DeviceForm | null;
      if (!device) return;
      const monday = device.hours[0].text;
      this.emit({ ...device, hours: device.hours.map((h, d) => (d >= 1 && d <= 4 ? { ...h, text: monday } : h)) });
    },

    onRemove() {
      this.triggerEvent('remove', { index: this.data.position });
    },
  },
});
