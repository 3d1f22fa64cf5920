import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { childDataCollections } from '../../../core/collections';
import { audit, actorOf } from '../../../core/audit';

/** Admin exports everything stored about one child (before they leave school, or on a family's request). */
export default defineHandler('children.export', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const sources = childDataCollections();
    const results = await Promise.all(sources.map((c) => ctx.db.collection(c.name).where({ [c.childKey]: input.childId }).limit(1000).get()));
    const collections: Record<string, unknown[]> = {};
    sources.forEach((c, i) => (collections[c.name] = results[i].data));
    await audit(ctx.db, actorOf(ctx), [{ kind: 'export', schoolId: ctx.grant.target!.schoolId, childId: input.childId, fields: sources.map((c) => c.name) }]);
    return { childId: input.childId, exportedAt: ctx.now.toISOString(), collections };
  },
});
