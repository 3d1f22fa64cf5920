import type { PostCardProps } from './type';

const props: PostCardProps = {
  post: { type: Object, value: null },
  family: { type: Boolean, value: false },
  brief: { type: Boolean, value: false },
};

export default props;
