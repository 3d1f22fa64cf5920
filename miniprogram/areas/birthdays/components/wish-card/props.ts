import type { WishCardProps } from './type';

const props: WishCardProps = {
  design: { type: String, value: 'cake' },
  text: { type: String, value: '' },
  from: { type: String, value: '' },
  note: { type: String, value: '' },
};

export default props;
