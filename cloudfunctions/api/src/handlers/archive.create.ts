import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { archiveView } from '../../../core/privacy/views';
import { rosterFields } from '../../../core/archive/rules';
import { createChild, editorOf } from '../../../core/archive/store';

/**
 * Add a pupil to a class roster (花名册): only the roster fields (name, gender, birth date, left-behind type), which
 * the school holds anyway and needs before it can invite the family and ask their consent. The rest of the archive
 * is filled in after consent (archive.update, from the version answered here). A second pupil with the same name
 * and birth date is refused.
 */
export default defineHandler('archive.create', {
  input: z.object({ classId: id('班级ID'), ...rosterFields }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId' } },
  async run(ctx, input) {
    const child = await createChild(ctx.db, ctx.grant.record, input, editorOf(ctx));
    return { childId: child._id, version: child.archiveVersion ?? 1, child: archiveView(child, ctx.grant.role).view };
  },
});
