import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { addTownship } from '../../../core/community/setup';

/** The admin adds a township (乡镇/街道) whose 儿童督导员 will oversee some of the school's communities. */
export default defineHandler('community.addTownship', {
  input: z.object({ schoolId: id('学校ID'), name: text('乡镇（街道）名称', 30) }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => addTownship(ctx.db, input.schoolId, input.name, actorOf(ctx)),
});
