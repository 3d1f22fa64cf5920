/**
 * The contract between pages and the `api` function: every action's name, input and output.
 * Each area keeps its actions in its own file under typings/actions/; ActionMap joins them.
 */
import type { SystemActions } from './actions/system';
import type { AccountActions } from './actions/accounts';

export interface ActionMap extends SystemActions, AccountActions {}

export type ActionName = keyof ActionMap;
export type ActionInput<A extends ActionName> = ActionMap[A]['input'];
export type ActionOutput<A extends ActionName> = ActionMap[A]['output'];
