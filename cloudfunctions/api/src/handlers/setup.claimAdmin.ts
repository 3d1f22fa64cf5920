import { z } from 'zod';
import { defineHandler } from '../handler';
import { text } from '../../../core/validate';
import { claimSchool } from '../../../core/school';

/**
 * The first admin of an empty deployment: whoever holds the one-time bootstrap code printed at deploy/start (not
 * whoever comes first). Wrong codes count toward the caller's lockout, as for invite codes.
 */
export default defineHandler('setup.claimAdmin', {
  input: z.object({ code: text('初始化码', 20), schoolName: text('学校名称', 40) }).strict(),
  access: { anyone: true },
  run: (ctx, input) => claimSchool(ctx.db, ctx, input, ctx.setting('CARE_ROOM_BOOTSTRAP_HASH')),
});
