import type { TalkCardProps } from './type';

const props: TalkCardProps = {
  talk: { type: Object, value: null },
};

export default props;
