import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { placeInTownship } from '../../../core/community/setup';

/** The admin puts a community in a township (null: in none); its 儿童督导员 then oversees the community. */
export default defineHandler('community.placeInTownship', {
  input: z.object({ communityId: id('社区ID'), townshipId: id('乡镇ID').nullable() }).strict(),
  access: { roles: ['admin'], scope: { community: 'communityId' } },
  run: (ctx, input) => placeInTownship(ctx.db, ctx.grant.record, input.townshipId, actorOf(ctx)),
});
