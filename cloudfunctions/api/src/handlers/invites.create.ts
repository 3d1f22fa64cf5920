import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError, forbidden } from '../../../core/errors';
import { generateCode, formatCode, hashCode } from '../../../core/codes';
import { DEFAULT_INVITE_DAYS, MAY_INVITE, inviteView, type InviteRecord } from '../../../core/invites';
import { ROLE_LABELS } from '../../../../typings/roles';
import type { CreatedInvite } from '../../../../typings/actions/accounts';

const days = z.number({ error: '有效天数必须是数字' }).int('有效天数必须是整数').min(1, '有效期至少 1 天').max(30, '有效期最长 30 天').optional();
const label = text('说明', 30).optional();

const input = z.discriminatedUnion(
  'role',
  [
    z.object({ role: z.literal('teacher'), schoolId: id('学校ID'), classId: id('班级ID').optional(), title: z.enum(['head', 'subject']).optional(), label, expiresInDays: days }).strict(),
    z.object({ role: z.literal('admin'), schoolId: id('学校ID'), label, expiresInDays: days }).strict(),
    z.object({ role: z.literal('community'), communityId: id('社区ID'), label, expiresInDays: days }).strict(),
    z.object({ role: z.enum(['parent', 'guardian']), childId: id('儿童ID'), relation: text('与孩子的关系', 10), expiresInDays: days }).strict(),
    z.object({ role: z.literal('student'), classId: id('班级ID'), childId: id('学生ID').optional(), label, expiresInDays: days }).strict(),
  ],
  { error: '请选择要邀请的身份' },
);

/**
 * Admin invites teachers, community workers (and other admins); a teacher invites the parents and guardians of
 * a child in their class and the students of their class. The code is shown once; only its hash is stored.
 */
export default defineHandler('invites.create', {
  input,
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', child: 'childId', community: 'communityId', school: 'schoolId' } },
  async run(ctx, i): Promise<CreatedInvite> {
    const grant = ctx.grant;
    const target = grant.target!;
    if (!MAY_INVITE[grant.role].includes(i.role)) throw forbidden(`${ROLE_LABELS[grant.role]}不能邀请${ROLE_LABELS[i.role]}`);
    if (target.schoolClass?.archivedAt) throw new AppError('CONFLICT', '该班级已撤销，不能再邀请');

    let classId = target.classId;
    let labelText: string;
    if (i.role === 'parent' || i.role === 'guardian') {
      labelText = `${target.child!.name}的${i.relation}`;
    } else if (i.role === 'student') {
      // A student invite may name the student's own child record (so wishes come from a known classmate).
      if (i.childId) {
        const res = await ctx.db.collection('children').doc(i.childId).get();
        const student = res.data[0] as { classId?: string; name?: string; deletedAt?: Date | null } | undefined;
        if (!student || student.deletedAt || student.classId !== i.classId) throw new AppError('INVALID_INPUT', '该学生不在这个班级', [{ path: 'childId', message: '该学生不在这个班级' }]);
        labelText = i.label ?? `${target.schoolClass!.name} ${student.name}`;
      } else {
        labelText = i.label ?? `${target.schoolClass!.name} 学生`;
      }
    } else if (i.role === 'teacher' && i.classId) {
      const res = await ctx.db.collection('classes').doc(i.classId).get();
      const cls = res.data[0] as { schoolId?: string; name?: string; archivedAt?: Date | null } | undefined;
      if (!cls || cls.schoolId !== target.schoolId) throw forbidden('该班级不属于本校');
      if (cls.archivedAt) throw new AppError('CONFLICT', '该班级已撤销，不能再邀请');
      classId = i.classId;
      labelText = i.label ?? `${cls.name} ${i.title === 'head' ? '班主任' : '教师'}`;
    } else {
      labelText = ('label' in i && i.label) || ROLE_LABELS[i.role];
    }

    const code = generateCode();
    const record: Omit<InviteRecord, '_id'> = {
      codeHash: hashCode(code),
      role: i.role,
      schoolId: target.schoolId,
      classId: classId ?? null,
      childId: i.role === 'parent' || i.role === 'guardian' || i.role === 'student' ? (i.childId ?? null) : null,
      communityId: i.role === 'community' ? i.communityId : null,
      label: labelText,
      title: i.role === 'teacher' ? (i.title ?? 'subject') : null,
      createdBy: ctx.openid,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + (i.expiresInDays ?? DEFAULT_INVITE_DAYS) * 86400000),
      usedAt: null,
      usedBy: null,
      revokedAt: null,
    };
    const res = await ctx.db.collection('invites').add(record);
    return { ...inviteView({ _id: res.id as string, ...record }, ctx.now), code: formatCode(code), scene: `i=${code}` };
  },
});
