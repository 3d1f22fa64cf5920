import type { RateCardProps } from './type';

const props: RateCardProps = {
  rate: { type: Object, value: {} },
  tappable: { type: Boolean, value: false },
  compact: { type: Boolean, value: false },
};

export default props;
