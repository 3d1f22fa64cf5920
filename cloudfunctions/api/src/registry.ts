import { Registry } from './router';
import { handlers } from './handlers';

export const registry = new Registry(handlers);
