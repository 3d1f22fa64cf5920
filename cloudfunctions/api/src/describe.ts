/** An action's rule in words and its input's JSON Schema: what meta.actions lists and the access-matrix test reads. */
import { z } from 'zod';
import type { ActionDescription } from '../../../typings/actions/system';
import { CHECKS } from '../../core/scopes';
import type { Handler } from './handler';
import { checksOf } from './authorize';

function scopeText(rule: Handler['access']): string | null {
  if (!('roles' in rule)) return null;
  if (typeof rule.scope === 'string') return rule.scope;
  const parts = Object.entries(rule.scope).map(([kind, field]) => (kind === 'mine' ? 'mine' : `${kind}(${String(field)})`));
  return parts.join(' | ');
}

export function describeAction(handler: Handler): ActionDescription {
  const rule = handler.access;
  const scope = scopeText(rule);
  const checks = checksOf(rule).map((name) => ({ name, label: CHECKS[name].label }));
  const access =
    'anyone' in rule
      ? 'anyone'
      : 'adminOrLocal' in rule
        ? 'admin (or local)'
        : [rule.roles.join(','), `scope=${scope}`, ...checks.map((c) => `check=${c.name}`)].join(' ');
  return {
    action: handler.action,
    access,
    roles: 'roles' in rule ? [...rule.roles] : 'anyone' in rule ? 'anyone' : ['admin'],
    scope,
    checks,
    inputSchema: z.toJSONSchema(handler.input, { unrepresentable: 'any' }),
  };
}
