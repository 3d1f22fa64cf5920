/**
 * 关爱室与设备（管理员）：本校的关爱室和其中的通话设备（平板、电脑、手机），每台设备每周各天的开放时间
 * （北京时间），是否启用。新增或修改一个关爱室（rooms.save，带读到的版本号），每台设备是一个 <device-form>；
 * 服务端的中文提示原样显示，例如要删除或停用的设备还有预约的通话。
 * 首屏：whoami 确认管理员身份（url 带的 ?schoolId= 须是自己管理的学校），然后一次 rooms.list。
 */
import { call, errorMessage } from '../../../../services/api';
import { loadAdminScreen } from '../../../../services/screen';
import { blankDevice, formOf, rows, saveInput, type DeviceForm, type RoomForm, type RoomRow } from '../../services/rooms';

type State = 'loading' | 'error' | 'forbidden' | 'ready';

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field: string }>;
type IdEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    rooms: [] as RoomRow[],
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

    onEditRoom(e: IdEvent) {
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

    onDeviceChange(e: WechatMiniprogram.CustomEvent<{ index: number; device: DeviceForm }>) {
      const { index, device } = e.detail;
      if (this.data.form?.devices[index]) this.setData({ [`form.devices[${index}]`]: device });
    },

    onAddDevice() {
      const form = this.data.form;
      if (form) this.setData({ 'form.devices': [...form.devices, blankDevice()] });
    },

    /** Takes the device out of the form; the server refuses the save if it still has calls booked. */
    onRemoveDevice(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
      const form = this.data.form;
      if (form) this.setData({ 'form.devices': form.devices.filter((_, k) => k !== e.detail.index), formError: '' });
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
