/** Input pieces of the work plan's actions, with Chinese messages. */
import { z } from 'zod';
import { id, text } from '../validate';
import { month } from '../talks/input';
import { RATE_KEYS } from '../dashboard/rates';
import { DUTIES } from './records';

export const term = () => text('学期', 40);

const owner = z.discriminatedUnion(
  'kind',
  [z.object({ kind: z.literal('group') }).strict(), z.object({ kind: z.literal('teacher'), bindingId: id('负责老师') }).strict()],
  { error: '负责人应为领导小组或一位老师' },
);

const evidence = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('rate'), rate: z.enum(RATE_KEYS, { error: '比率不正确' }) }).strict(),
    z.object({ kind: z.literal('symposium'), symposiumId: id('家长会') }).strict(),
    z.object({ kind: z.literal('helpPlanSummaries') }).strict(),
  ],
  { error: '佐证记录应为一项比率、一次家长会或帮扶计划期末总结' },
);

export const itemFields = {
  month: month('月份'),
  title: text('事项', 60),
  owner,
  status: z.enum(['todo', 'doing', 'done'], { error: '状态只能是未开始、进行中或已完成' }),
  evidence: z.array(evidence, { error: '佐证记录格式不正确' }).max(5, '佐证记录最多 5 项'),
};

export const member = z
  .object(
    {
      bindingId: id('领导小组成员'),
      role: z.enum(['leader', 'deputy', 'member'], { error: '职务只能是组长、副组长或成员' }),
      duties: text('职责', 100, 0),
    },
    { error: '领导小组成员格式不正确' },
  )
  .strict();

export const responsibility = z
  .object(
    {
      classId: id('班级ID'),
      duty: z.enum(DUTIES as [(typeof DUTIES)[number], ...(typeof DUTIES)[number][]], { error: '工作项不正确' }),
      bindingId: id('负责老师'),
    },
    { error: '责任分工格式不正确' },
  )
  .strict();
