import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { createPost } from '../../../core/growth/posts';
import { GROWTH_TAGS, POST_LIMITS } from '../../../core/growth/labels';
import type { Child, SchoolClass } from '../../../../typings/domain';

/**
 * A post to one child's family (childId) or to every family of a class (classId): text, up to 9 photos uploaded to
 * their slots, an activity tag; a class post names the children it shows (each with photo consent).
 */
export default defineHandler('posts.create', {
  input: z
    .object({
      childId: id('儿童ID').optional(),
      classId: id('班级ID').optional(),
      tag: z.enum(GROWTH_TAGS as ['study', 'life', 'activity', 'honor', 'festival'], { error: '请选择类别：学习、生活、活动、荣誉或节日' }),
      text: text('动态内容', POST_LIMITS.text),
      photos: z
        .array(z.string({ error: '照片格式不正确' }).max(300, '照片格式不正确'), { error: '照片格式不正确' })
        .max(POST_LIMITS.photos, `一条动态最多 ${POST_LIMITS.photos} 张照片`),
      shows: z.array(id('儿童ID'), { error: '照片里的孩子格式不正确' }).max(60, '照片里的孩子太多了').optional(),
    })
    .strict(),
  access: { roles: ['teacher', 'admin'], scope: { child: 'childId', class: 'classId' } },
  run: (ctx, input) =>
    createPost(ctx, { ...actorOf(ctx), role: ctx.grant.role, label: ctx.grant.binding.label }, ctx.grant.record as Child | SchoolClass, input),
});
