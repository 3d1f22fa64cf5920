/** Every action of the api function. Add a handler here to register it. */
import type { Handler } from '../handler';
import whoami from './whoami';
import metaActions from './meta.actions';

export const handlers: Handler[] = [whoami, metaActions] as Handler[];
