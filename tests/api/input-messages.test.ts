/** How zod's issues read to people, for schemas with and without their own messages. */
import { z } from 'zod';
import { id, inputIssues } from '../../cloudfunctions/core/validate';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) throw new Error('expected a failure');
  return inputIssues(parsed.error);
};

test('a missing field is missing, whether or not its schema has a message of its own', () => {
  const schema = z.object({ childId: id('儿童ID'), count: z.number(), note: z.string({ error: '备注必须是文字' }).optional() }).strict();
  expect(issuesOf(schema, {})).toEqual([
    { path: 'childId', message: '缺少儿童ID' },
    { path: 'count', message: '缺少字段：count' },
  ]);
  expect(issuesOf(schema, { childId: null, count: 'x', note: 3 })).toEqual([
    { path: 'childId', message: '儿童ID必须是字符串' },
    { path: 'count', message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
    { path: 'note', message: '备注必须是文字' },
  ]);
  expect(issuesOf(schema, { childId: 'a', count: 1, openid: 'x' })).toEqual([{ path: '', message: '不支持的字段：openid' }]);
});
