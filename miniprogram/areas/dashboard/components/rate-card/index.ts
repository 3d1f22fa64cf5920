/**
 * <rate-card>: one rate (建档率 …) as a TDesign progress bar against its target: 92.3%（12/13 人）· 目标 100%,
 * green when met, orange when behind, grey when nobody is counted. Tapped (when `tappable`) it emits `open` { key }.
 */
import props from './props';

interface Rate {
  key: string;
  label: string;
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number;
  met: boolean | null;
}

Component({
  properties: props,

  data: { label: '', rateText: '—', countText: '', targetText: '', percent: 0, status: 'none', statusText: '' },

  observers: {
    rate(rate: Rate) {
      if (!rate || !rate.key) return;
      this.setData({
        label: rate.label,
        rateText: rate.rate === null ? '—' : `${rate.rate}%`,
        countText: rate.denominator ? `${rate.numerator}/${rate.denominator} 人` : '暂无应统计的孩子',
        targetText: `目标 ${rate.target}%`,
        percent: rate.rate ?? 0,
        status: rate.met === null ? 'none' : rate.met ? 'met' : 'behind',
        statusText: rate.met === null ? '' : rate.met ? '达标' : '未达标',
      });
    },
  },

  methods: {
    onTap() {
      if (this.data.tappable) this.triggerEvent('open', { key: (this.data.rate as unknown as Rate).key });
    },
  },
});
