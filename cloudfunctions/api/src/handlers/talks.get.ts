import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { oneTalk } from '../../../core/talks/child';
import { viewerOf } from '../../../core/talks/writer';

/** One talk card in full, with what the child said (internal: staff of the child only, never families). Audited. */
export default defineHandler('talks.get', {
  input: z.object({ talkId: id('谈心记录ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { talk: 'talkId' } },
  run: (ctx) => oneTalk(ctx.db, ctx.grant.record, viewerOf(ctx)),
});
