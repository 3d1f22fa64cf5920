import type { NoteFormProps } from './type';

const props: NoteFormProps = {
  kind: { type: String, value: 'diary' },
  first: { type: String, value: '' },
  today: { type: String, value: '' },
  busy: { type: Boolean, value: false },
  saves: { type: Number, value: 0 },
  error: { type: String, value: '' },
};

export default props;
