/**
 * <people-picker>: the children (or teachers) to invite, all or one by one: a tap takes a person in or out, 全选 /
 * 全不选 at the top. Emits `change` { value } with the ids picked, in the options' order.
 */
import props from './props';

interface Option {
  id: string;
  name: string;
  note: string;
}

Component({
  properties: props,

  data: { rows: [] as (Option & { on: boolean })[], count: 0 },

  observers: {
    'options, value'(options: Option[], value: string[]) {
      this.setData({ rows: options.map((o) => ({ ...o, on: value.includes(o.id) })), count: value.length });
    },
  },

  methods: {
    onTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const id = e.currentTarget.dataset.id;
      const value = this.data.value as string[];
      const next = value.includes(id) ? value.filter((v) => v !== id) : [...value, id];
      this.emit(next);
    },

    onAll() {
      const options = this.data.options as Option[];
      this.emit((this.data.value as string[]).length === options.length ? [] : options.map((o) => o.id));
    },

    emit(next: string[]) {
      this.triggerEvent('change', { value: (this.data.options as Option[]).map((o) => o.id).filter((id) => next.includes(id)) });
    },
  },
});
