import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { childDataCollections } from '../../../core/collections';
import { audit, actorOf } from '../../../core/audit';

/**
 * Admin deletes a child's data everywhere when they leave school. The admin types the child's name to confirm.
 * Only the audit entries remain (they hold ids and field names, not the data), plus one entry for the deletion.
 */
export default defineHandler('children.purge', {
  input: z.object({ childId: id('儿童ID'), confirmName: text('儿童姓名', 20) }).strict(),
  access: { roles: ['admin'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const target = ctx.grant.target!;
    if (target.child!.name !== input.confirmName) throw new AppError('INVALID_INPUT', '输入的姓名与该儿童不一致，未删除任何数据', [{ path: 'confirmName', message: '姓名不一致' }]);
    const deleted: Record<string, number> = {};
    // The child record goes last, so an interrupted deletion can simply be run again.
    const order = childDataCollections().sort((a, b) => Number(a.name === 'children') - Number(b.name === 'children'));
    for (const c of order) {
      const res = await ctx.db.collection(c.name).where({ [c.childKey]: input.childId }).remove();
      deleted[c.name] = res.deleted ?? 0;
    }
    await audit(ctx.db, actorOf(ctx), [{ kind: 'delete', schoolId: target.schoolId, childId: input.childId, fields: Object.keys(deleted), note: '儿童离校，删除全部数据' }]);
    return { deleted };
  },
});
