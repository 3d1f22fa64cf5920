import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { createInvite } from '../../../core/invites';

const days = z.number({ error: '有效天数必须是数字' }).int('有效天数必须是整数').min(1, '有效期至少 1 天').max(30, '有效期最长 30 天').optional();
const label = text('说明', 30).optional();

const input = z.discriminatedUnion(
  'role',
  [
    z
      .object({
        role: z.literal('teacher'),
        schoolId: id('学校ID'),
        classId: id('班级ID').optional(),
        title: z.enum(['head', 'subject']).optional(),
        label,
        expiresInDays: days,
      })
      .strict(),
    z.object({ role: z.literal('admin'), schoolId: id('学校ID'), label, expiresInDays: days }).strict(),
    z.object({ role: z.literal('community'), communityId: id('社区ID'), label, expiresInDays: days }).strict(),
    z.object({ role: z.literal('township'), townshipId: id('乡镇ID'), label, expiresInDays: days }).strict(),
    z.object({ role: z.enum(['parent', 'guardian']), childId: id('儿童ID'), relation: text('与孩子的关系', 10), expiresInDays: days }).strict(),
    z.object({ role: z.literal('student'), classId: id('班级ID'), childId: id('学生ID').optional(), label, expiresInDays: days }).strict(),
  ],
  { error: '请选择要邀请的身份' },
);

/**
 * Admin invites teachers, 儿童主任 and 儿童督导员 (and other admins); a teacher invites the parents and guardians of
 * a child in their class and the students of their class; a county admin (县教育局) invites the admins of the
 * county's schools. The code is shown once; only its hash is stored.
 */
export default defineHandler('invites.create', {
  input,
  access: {
    roles: ['admin', 'teacher', 'county'],
    scope: { class: 'classId', child: 'childId', community: 'communityId', township: 'townshipId', school: 'schoolId' },
    check: 'mayInviteRole',
  },
  run: (ctx, input) => createInvite(ctx.db, actorOf(ctx), input, ctx.grant.target!),
});
