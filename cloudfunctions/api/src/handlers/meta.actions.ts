import { z } from 'zod';
import { defineHandler, type Handler } from '../handler';
import type { ActionDescription } from '../../../../typings/actions/system';
import { registry } from '../registry';

export function describe(handler: Handler): ActionDescription {
  const rule = handler.access;
  const roles = 'roles' in rule ? rule.roles : 'anyone' in rule ? 'anyone' : (['admin'] as const);
  const scope = 'roles' in rule ? (rule.scope === 'none' ? null : 'input') : null;
  const access = 'anyone' in rule ? 'anyone' : 'adminOrLocal' in rule ? 'admin (or local)' : `${rule.roles.join(',')}${scope ? ' scope=input' : ''}`;
  return { action: handler.action, access, roles: roles === 'anyone' ? 'anyone' : [...roles], scope, inputSchema: z.toJSONSchema(handler.input, { unrepresentable: 'any' }) };
}

/** The registry of every action with its access rule and input schema: drives docs, authorization tests and fuzzing. */
export default defineHandler({
  action: 'meta.actions',
  input: z.object({}).strict(),
  access: { adminOrLocal: true },
  async run(): Promise<{ actions: ActionDescription[] }> {
    return { actions: registry.all().map(describe) };
  },
});
