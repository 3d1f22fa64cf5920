import type { VisitListProps } from './type';

const props: VisitListProps = {
  visits: { type: Array, value: [] },
};

export default props;
