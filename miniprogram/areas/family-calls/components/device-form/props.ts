import type { DeviceFormProps } from './type';

const props: DeviceFormProps = {
  device: { type: Object, value: null },
  position: { type: Number, value: 0 },
};

export default props;
