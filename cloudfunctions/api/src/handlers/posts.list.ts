import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { invalid } from '../../../core/errors';
import { classPosts } from '../../../core/growth/feed';
import type { SchoolClass } from '../../../../typings/domain';

/** The class's posts for its teachers (without classId: the class teacher's own class), newest first. */
export default defineHandler('posts.list', {
  input: z.object({ classId: id('班级ID').optional(), before: z.iso.datetime({ error: '翻页位置不正确' }).optional() }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { class: 'classId', mine: true } },
  run(ctx, input) {
    const record = ctx.grant.record;
    if (!('grade' in record)) throw invalid('请选择班级', 'classId');
    return classPosts(ctx, record as SchoolClass, input.before);
  },
});
