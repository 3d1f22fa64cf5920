import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { exportBuddyCard } from '../../../core/birthdays/buddies';

/** 手拉手好朋友结对子登记卡 of a class as xlsx, one row per pair (larger files in chunks: exports.chunk). Audited. */
export default defineHandler('buddies.export', {
  input: z.object({ classId: id('班级ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId' } },
  run: (ctx) => exportBuddyCard(ctx.db, ctx.grant.target!, actorOf(ctx)),
});
