/**
 * <offline-note>: the line that says a screen shows what the phone kept, because there is no signal now.
 *
 *   <offline-note kept-at="{{keptAt}}" what="登记册" />
 */
import props from './props';

Component({ properties: props });
