import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { cardSchema } from '../../../core/archive/rules';
import { editorOf, saveCard } from '../../../core/archive/store';

/**
 * Save a child's contact card (联系卡) as a whole (guardian consent required), from the version the form started
 * from. Versioned with a field-level diff and audited; saving also confirms the card for this month's information
 * round. When a left-behind child under 16 has no capable guardian, an alert is raised for the admin (and resolved
 * once fixed).
 */
export default defineHandler('contactCards.save', {
  input: cardSchema.extend({
    childId: id('儿童ID'),
    expectedVersion: z.number({ error: '缺少版本号' }).int('版本号不正确').min(0, '版本号不正确'),
  }),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const { childId: _child, expectedVersion, ...card } = input;
    return saveCard(ctx.db, ctx.grant.record, expectedVersion, card, editorOf(ctx));
  },
});
