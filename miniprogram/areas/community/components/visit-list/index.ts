/**
 * <visit-list>: a child's visits (随访记录), newest first: when and how, whom, the child's situation, what was
 * found, a situation change, the next steps and who visited.
 *
 *   <visit-list visits="{{visits}}" />
 */
import props from './props';

Component({ properties: props });
