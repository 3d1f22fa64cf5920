import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { audit, actorOf } from '../../../core/audit';
import { cardSchema } from '../../../core/archive/rules';
import { saveCard } from '../../../core/archive/store';

/**
 * Save a child's contact card (联系卡) as a whole (guardian consent required), from the version the form started
 * from. Versioned with a field-level diff; saving also confirms the card for this month's information round. When a
 * left-behind child under 16 has no capable guardian, an alert is raised for the admin (and resolved once fixed).
 */
export default defineHandler('contactCards.save', {
  input: cardSchema.extend({
    childId: id('儿童ID'),
    expectedVersion: z.number({ error: '缺少版本号' }).int('版本号不正确').min(0, '版本号不正确'),
  }),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const grant = ctx.grant;
    const { childId, expectedVersion, ...card } = input;
    const result = await saveCard(ctx.db, grant.record, expectedVersion, card, { openid: ctx.openid, role: grant.role, label: grant.binding.label, action: ctx.action, now: ctx.now });
    await audit(ctx.db, actorOf(ctx), [
      { kind: 'change', schoolId: grant.target!.schoolId, childId, fields: result.changed.map((f) => `contactCard.${f}`), note: result.changed.length ? undefined : '确认联系卡信息无变化' },
    ]);
    return result;
  },
});
