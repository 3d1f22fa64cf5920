import type { TalkBriefProps } from './type';

const props: TalkBriefProps = {
  brief: { type: Object, value: null },
  childId: { type: String, value: '' },
};

export default props;
