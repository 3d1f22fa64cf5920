import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportChild } from '../../../core/children';

/** Admin exports everything stored about one child (before they leave school, or on a family's request). */
export default defineHandler('children.export', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin'], scope: { child: 'childId' } },
  run: (ctx) => exportChild(ctx.db, actorOf(ctx), ctx.grant.record),
});
