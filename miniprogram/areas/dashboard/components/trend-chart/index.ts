/**
 * <trend-chart>: a rate by month as bars drawn with views (no chart library): each month's bar as high as its
 * percent, its value above it, 3月 below, and the target as a line across. A month with nothing kept shows 无.
 */
import props from './props';

interface Bar {
  month: string;
  label: string;
  height: number;
  valueText: string;
  empty: boolean;
  behind: boolean;
}

Component({
  properties: props,

  data: { bars: [] as Bar[], targetBottom: 100 },

  observers: {
    'months, values, target'(months: string[], values: (number | null)[], target: number) {
      const bars = months.map((month, i) => {
        const value = values[i] ?? null;
        return {
          month,
          label: `${Number(month.slice(5, 7))}月`,
          height: value ?? 0,
          valueText: value === null ? '无' : `${Math.round(value)}%`,
          empty: value === null,
          behind: value !== null && value < target,
        };
      });
      this.setData({ bars, targetBottom: target });
    },
  },
});
