import type { SituationChangeProps } from './type';

const props: SituationChangeProps = {
  changed: { type: Boolean, value: false },
  kind: { type: String, value: '' },
  note: { type: String, value: '' },
  errors: { type: Object, value: {} },
};

export default props;
