import type { OfflineNoteProps } from './type';

const props: OfflineNoteProps = {
  keptAt: { type: String, value: '' },
  what: { type: String, value: '内容' },
};

export default props;
