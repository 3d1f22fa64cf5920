import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { deviceInput } from '../../../core/familyCalls/input';
import { isRoom, saveRoom } from '../../../core/familyCalls/setup';

/**
 * Create a care room or change one (its name, place, devices and their opening hours). Changing names the room
 * (its school's admins only) and the version the page read (a concurrent edit answers CONFLICT). A device with
 * calls still booked cannot be removed or switched off: cancel or move those calls first.
 */
export default defineHandler('rooms.save', {
  input: z
    .object({
      schoolId: id('学校ID'),
      roomId: id('关爱室ID').optional(),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号不正确').optional(),
      name: text('关爱室名称', 30),
      location: text('位置', 50).nullable().optional(),
      devices: z.array(deviceInput(), { error: '设备格式不正确' }).max(10, '每个关爱室最多 10 台设备'),
    })
    .strict()
    .refine((i) => !i.roomId || i.expectedVersion !== undefined, { message: '修改关爱室需要提供版本号', path: ['expectedVersion'] }),
  access: { roles: ['admin'], scope: { room: 'roomId', school: 'schoolId' } },
  run: (ctx, input) => saveRoom(ctx, input.schoolId, isRoom(ctx.grant.record) ? ctx.grant.record : null, input),
});
