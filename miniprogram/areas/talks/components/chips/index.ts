/**
 * <chips>: a row of choices to tap (the mood scale, topics, concerns…); one at a time, or several with `multiple`
 * (a second tap takes a choice back). Emits `change` { value } with the chosen values, in the options' order.
 */
import props from './props';

type Value = string | number;

Component({
  properties: props,

  data: { rows: [] as { value: Value; label: string; on: boolean }[] },

  observers: {
    'options, value'(options: { value: Value; label: string }[], value: Value[]) {
      this.setData({ rows: options.map((o) => ({ ...o, on: value.includes(o.value) })) });
    },
  },

  methods: {
    onTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
      const picked = (this.data.options as { value: Value }[])[Number(e.currentTarget.dataset.index)].value;
      const chosen = this.data.value as Value[];
      const next = this.data.multiple ? (chosen.includes(picked) ? chosen.filter((v) => v !== picked) : [...chosen, picked]) : [picked];
      const order = (this.data.options as { value: Value }[]).map((o) => o.value);
      this.triggerEvent('change', { value: order.filter((v) => next.includes(v)) });
    },
  },
});
