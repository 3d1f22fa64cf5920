import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { prepareUploads } from '../../../core/growth/uploads';
import { POST_LIMITS } from '../../../core/growth/labels';
import type { Child, SchoolClass } from '../../../../typings/domain';

/** Upload slots for a post's photos (one per photo, for this teacher and this child or class, two hours). */
export default defineHandler('files.prepare', {
  input: z
    .object({
      classId: id('班级ID').optional(),
      childId: id('儿童ID').optional(),
      photos: z
        .array(
          z
            .object({
              ext: z.enum(['jpg', 'png', 'webp'], { error: '只支持 JPG、PNG、WebP 照片' }),
              size: z.number({ error: '缺少照片大小' }).int('照片大小不正确').min(1, '照片是空的'),
            })
            .strict(),
          { error: '请选择照片' },
        )
        .min(1, '请选择照片')
        .max(POST_LIMITS.photos, `一条动态最多 ${POST_LIMITS.photos} 张照片`),
    })
    .strict(),
  access: { roles: ['teacher', 'admin'], scope: { child: 'childId', class: 'classId' } },
  run(ctx, input) {
    const record = ctx.grant.record as Child | SchoolClass;
    const place = input.childId
      ? { schoolId: record.schoolId, classId: (record as Child).classId, childId: record._id }
      : { schoolId: record.schoolId, classId: record._id, childId: null };
    return prepareUploads(ctx.db, ctx.app, ctx, place, input.photos);
  },
});
