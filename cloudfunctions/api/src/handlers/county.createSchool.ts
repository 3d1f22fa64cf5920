import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { createCountySchool } from '../../../core/dashboard/county';

/** A county admin adds a school of the county (then invites its admin with invites.create). */
export default defineHandler('county.createSchool', {
  input: z.object({ countyId: id('县ID'), name: text('学校名称', 40) }).strict(),
  access: { roles: ['county'], scope: { county: 'countyId' } },
  run: (ctx, input) => createCountySchool(ctx.db, ctx.grant.record, input.name, actorOf(ctx)),
});
