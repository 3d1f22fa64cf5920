import type { ConfirmDialogProps } from './type';

const props: ConfirmDialogProps = {
  visible: { type: Boolean, value: false },
  title: { type: String, value: '' },
  content: { type: String, value: '' },
  confirmText: { type: String, value: '确定' },
  theme: { type: String, value: 'danger' },
  busy: { type: Boolean, value: false },
};

export default props;
