/** Input pieces of the talk area's actions, with Chinese messages. */
import { z } from 'zod';
import { day, id, text } from '../validate';
import { CONCERN_LABELS, TOPIC_LABELS } from './labels';
import type { ConcernTag, TalkTopic } from '../../../typings/actions/talks';

/** A list of distinct values of an enum, at most `max`. */
export function distinct<T extends string>(values: readonly T[], what: string, error: string, max: number) {
  return z
    .array(z.enum(values as [T, ...T[]], { error }), { error: `${what}格式不正确` })
    .max(max, `${what}最多 ${max} 项`)
    .refine((xs) => new Set(xs).size === xs.length, `${what}有重复`);
}

/** A month "YYYY-MM" that exists. */
export const month = (what = '月份') =>
  z
    .string({ error: `${what}必须是文字` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${what}格式应为 YYYY-MM`)
    .refine((m) => m >= '2000-01', `${what}不合理`);

export const topics = () =>
  distinct(Object.keys(TOPIC_LABELS) as TalkTopic[], '谈话内容', '谈话内容只能是学习、生活、家庭、朋友、情绪、安全、健康', 7).refine(
    (xs) => xs.length > 0,
    '请至少选择一项谈话内容',
  );

export const concerns = () => distinct(Object.keys(CONCERN_LABELS) as ConcernTag[], '发现的问题', '发现的问题类别不正确', 8);

export const mood = () => z.number({ error: '请选择孩子的情绪' }).int('孩子的情绪请选 1 到 5').min(1, '孩子的情绪请选 1 到 5').max(5, '孩子的情绪请选 1 到 5');

export const talkAction = () =>
  z.object({ text: text('商定的事项', 100), owner: text('事项负责人', 20), dueDate: day('事项完成日期') }, { error: '商定的事项格式不正确' }).strict();

export const followUp = () =>
  z
    .object(
      {
        talkId: id('上次谈心ID'),
        actionId: id('事项ID'),
        status: z.enum(['done', 'partly', 'not_done'], { error: '跟进情况只能是已完成、部分完成或未完成' }),
        note: text('跟进说明', 200).nullable().optional(),
      },
      { error: '跟进情况格式不正确' },
    )
    .strict();

/** Optional text: null or left out when there is none. */
export const optionalText = (what: string, max: number) => text(what, max).nullable().optional();
