import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { archiveView } from '../../../core/privacy/views';
import { audit, actorOf } from '../../../core/audit';

/** One child's archive, as the caller's role may see it; every read is written to the audit log. */
export default defineHandler({
  action: 'children.get',
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'community', 'parent', 'guardian'], scope: (i) => ({ childId: i.childId }) },
  async run(ctx, input) {
    const grant = ctx.grant!;
    const { view, fields } = archiveView(grant.target!.child as unknown as Record<string, unknown>, grant.role);
    await audit(ctx.db, actorOf(ctx), [{ kind: 'read', schoolId: grant.target!.schoolId, childId: input.childId, fields }]);
    return { child: view, viewAs: grant.role };
  },
});
