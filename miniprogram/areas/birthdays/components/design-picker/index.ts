/** <design-picker>: the card designs (贺卡样式) to tap, each its picture and name; emits `change` { design }. */
import { CARD_DESIGNS } from '../../../../generated/wish-labels';
import props from './props';

Component({
  properties: props,

  data: {
    designs: Object.entries(CARD_DESIGNS).map(([key, d]) => ({ key, label: d.label, icon: d.icon })),
  },

  methods: {
    onPick(e: WechatMiniprogram.BaseEvent<Record<string, never>, { design: string }>) {
      this.triggerEvent('change', { design: e.currentTarget.dataset.design });
    },
  },
});
