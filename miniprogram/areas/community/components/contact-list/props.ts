import type { ContactListProps } from './type';

const props: ContactListProps = {
  card: { type: Object, value: null },
};

export default props;
