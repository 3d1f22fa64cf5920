import type { TrendChartProps } from './type';

const props: TrendChartProps = {
  months: { type: Array, value: [] },
  values: { type: Array, value: [] },
  target: { type: Number, value: 100 },
};

export default props;
