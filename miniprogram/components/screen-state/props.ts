import type { ScreenStateProps } from './type';

const props: ScreenStateProps = {
  state: { type: String, value: 'loading' },
  errorMessage: { type: String, value: '' },
  forbiddenText: { type: String, value: '您没有权限查看这个页面' },
};

export default props;
