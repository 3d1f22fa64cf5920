import { defineHandler } from '../handler';
import { noInput } from '../../../core/validate';
import { isInitialized } from '../../../core/school';

/** Whether the deployment has an admin yet (the bind page offers the bootstrap code only before that). */
export default defineHandler('setup.status', {
  input: noInput(),
  access: { anyone: true },
  async run(ctx) {
    return { initialized: await isInitialized(ctx.db) };
  },
});
