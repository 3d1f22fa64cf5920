import type { DesignPickerProps } from './type';

const props: DesignPickerProps = {
  value: { type: String, value: 'cake' },
};

export default props;
