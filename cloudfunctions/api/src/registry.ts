import { Registry } from './router';
import { handlers } from './handlers';

export const registry = new Registry();
for (const handler of handlers) registry.register(handler);
