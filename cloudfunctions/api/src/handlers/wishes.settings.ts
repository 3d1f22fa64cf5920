import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { saveApprovalRule } from '../../../core/wishes/moderation';

/** Per class, the teacher chooses whether every card and corner work waits for them before others see it. */
export default defineHandler('wishes.settings', {
  input: z.object({ classId: id('班级ID'), approvalRequired: z.boolean({ error: '请选择是否先由老师审核' }) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId' } },
  async run(ctx, input) {
    const place = { schoolId: ctx.grant.target!.schoolId, classId: input.classId };
    return { approvalRequired: await saveApprovalRule(ctx.db, place, input.approvalRequired, actorOf(ctx)) };
  },
});
