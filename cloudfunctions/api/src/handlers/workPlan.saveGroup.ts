import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { member, responsibility } from '../../../core/workPlan/input';
import { saveGroup } from '../../../core/workPlan/plan';

/** The leading group (组长, 副组长, 成员 with their duties) and who answers for each class's duties (目标责任制). */
export default defineHandler('workPlan.saveGroup', {
  input: z
    .object({
      planId: id('工作计划ID'),
      members: z.array(member, { error: '领导小组成员格式不正确' }).max(30, '领导小组最多 30 人'),
      responsibilities: z.array(responsibility, { error: '责任分工格式不正确' }).max(500, '责任分工最多 500 项'),
    })
    .strict(),
  access: { roles: ['admin'], scope: { workPlan: 'planId' } },
  run: (ctx, input) => saveGroup({ db: ctx.db, actor: actorOf(ctx) }, ctx.grant.record, input),
});
