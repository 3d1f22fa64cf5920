/**
 * <date-field>: a day in a form, shown as people read it (12月1日, 2017年9月12日) and picked with TDesign's date
 * picker (年 / 月 / 日 columns) instead of typed: nobody has to write 2026-12-01. Emits `change` { value } with the
 * day as it travels ("YYYY-MM-DD"), so a page binds it like a TDesign input (data-field, bind:change).
 *
 *   <date-field class="f-birth" label="出生日期" value="{{form.birthDate}}" year="always" start="2005-01-01"
 *               data-field="birthDate" bind:change="onField" />
 */
import { beijingToday, dayLabel } from '../../services/time';
import props from './props';

Component({
  properties: props,

  data: {
    shown: '',
    /** where the picker's columns stand when it opens */
    pickerValue: '',
    visible: false,
  },

  lifetimes: {
    attached() {
      this.show();
    },
  },

  observers: {
    'value, initial, year'() {
      this.show();
    },
  },

  methods: {
    show() {
      const { value, initial, year } = this.data;
      this.setData({ shown: value ? dayLabel(value, { year: year as 'always' | 'auto' }) : '', pickerValue: value || initial || beijingToday() });
    },

    onOpen() {
      this.setData({ visible: true });
    },

    /** Closed beside it or with 取消. Closing with 确定 is followed by `confirm` (which closes): the picker tells of the
     * close first, and acting on it then would turn its columns back before it reads the day. */
    onClose(e: WechatMiniprogram.CustomEvent<{ trigger?: string }>) {
      if (e.detail?.trigger !== 'confirm-btn') this.setData({ visible: false });
    },

    onConfirm(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ visible: false });
      const value = String(e.detail.value ?? '');
      if (value && value !== this.data.value) this.triggerEvent('change', { value });
    },
  },
});
