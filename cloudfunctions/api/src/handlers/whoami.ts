import { defineHandler } from '../handler';
import { noInput } from '../../../core/validate';
import { whoAmI } from '../../../core/people';

/** Who am I: my OPENID, my roles with the children they name, my unread messages (the home screen in one call). */
export default defineHandler('whoami', {
  input: noInput(),
  access: { anyone: true },
  run: (ctx) => whoAmI(ctx.db, ctx.principal, ctx.now, ctx.local),
});
