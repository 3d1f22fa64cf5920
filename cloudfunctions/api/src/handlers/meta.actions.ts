import { z } from 'zod';
import { defineHandler } from '../handler';

/** Every action with its access rule and input schema: drives docs, the access-matrix test and fuzzing. */
export default defineHandler('meta.actions', {
  input: z.object({}).strict(),
  access: { adminOrLocal: true },
  async run(ctx) {
    return { actions: ctx.catalog() };
  },
});
