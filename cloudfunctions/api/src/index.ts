/** Cloud function `api`: every page request. */
import { route } from './router';
import { registry } from './registry';
import type { FunctionContext } from '../../core/cloud';

export async function main(event: unknown, context: FunctionContext) {
  return route(registry, event, context);
}
