import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { familyFeed } from '../../../core/growth/feed';

/** A family's older posts about their child and class (the home shows the latest). */
export default defineHandler('posts.feed', {
  input: z.object({ childId: id('儿童ID'), before: z.iso.datetime({ error: '翻页位置不正确' }) }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx, input) => familyFeed(ctx, ctx.grant.record, input.before),
});
