import crypto from 'node:crypto';
import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError, invalid } from '../../../core/errors';
import { clockMinutes } from '../../../core/familyCalls/clock';
import { clockRange } from '../../../core/familyCalls/input';
import { loadRooms, ROOMS } from '../../../core/familyCalls/rooms';
import { CALLS, LIVE } from '../../../core/familyCalls/store';
import { roomView } from '../../../core/familyCalls/views';
import type { CallDevice, Room } from '../../../../typings/domain';

const dayRanges = z
  .array(clockRange('开放时间'), { error: '开放时间格式不正确' })
  .max(4, '每天最多 4 段开放时间')
  .refine((ranges) => {
    const sorted = [...ranges].sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
    return sorted.every((r, i) => i === 0 || clockMinutes(sorted[i - 1].end) <= clockMinutes(r.start));
  }, '同一天的开放时间不能重叠');

const hours = z
  .object({ '1': dayRanges.optional(), '2': dayRanges.optional(), '3': dayRanges.optional(), '4': dayRanges.optional(), '5': dayRanges.optional(), '6': dayRanges.optional(), '7': dayRanges.optional() }, { error: '开放时间格式不正确' })
  .strict();

const device = z
  .object({
    id: id('设备ID').optional(),
    name: text('设备名称', 20),
    kind: z.enum(['tablet', 'pc', 'phone'], { error: '设备类型只能是平板、电脑或手机' }),
    wechatName: text('设备微信名', 30).nullable().optional(),
    hours,
    active: z.boolean({ error: 'active 必须是布尔值' }).optional(),
  })
  .strict();

const MAX_ROOMS = 20;

/**
 * Create a care room or change one (its name, place, devices and their opening hours). Changing needs the version
 * the page read (a concurrent edit answers CONFLICT). A device with calls still booked cannot be removed or switched
 * off: cancel or move those calls first.
 */
export default defineHandler('rooms.save', {
  input: z
    .object({
      schoolId: id('学校ID'),
      roomId: id('关爱室ID').optional(),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号不正确').optional(),
      name: text('关爱室名称', 30),
      location: text('位置', 50).nullable().optional(),
      devices: z.array(device, { error: '设备格式不正确' }).max(10, '每个关爱室最多 10 台设备'),
    })
    .strict()
    .refine((i) => !i.roomId || i.expectedVersion !== undefined, { message: '修改关爱室需要提供版本号', path: ['expectedVersion'] }),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const _ = ctx.db.command;
    const rooms = await loadRooms(ctx.db, input.schoolId);
    const existing = input.roomId ? rooms.find((r) => r._id === input.roomId) : undefined;
    // Someone else's room id, or a forged one, is answered like any id out of reach.
    if (input.roomId && !existing) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
    if (!existing && rooms.length >= MAX_ROOMS) throw new AppError('CONFLICT', `每所学校最多 ${MAX_ROOMS} 个关爱室`);

    const names = input.devices.map((d) => d.name);
    if (new Set(names).size !== names.length) throw invalid('同一个关爱室里的设备名称不能重复', 'devices');
    const known = new Map((existing?.devices ?? []).map((d) => [d.id, d]));
    for (const d of input.devices) if (d.id && !known.has(d.id)) throw invalid('设备不属于这个关爱室', 'devices');

    const devices: CallDevice[] = input.devices.map((d) => ({
      id: d.id ?? 'dev' + crypto.randomBytes(6).toString('hex'),
      name: d.name,
      kind: d.kind,
      wechatName: d.wechatName ?? null,
      hours: d.hours,
      active: d.active ?? true,
    }));

    // Devices going away or switched off must have no calls ahead.
    const leaving = [...known.keys()].filter((idOf) => !devices.some((d) => d.id === idOf && d.active));
    if (leaving.length) {
      const booked = await ctx.db.collection(CALLS).where({ deviceId: _.in(leaving), startsAt: _.gt(ctx.now), status: _.in(LIVE) }).count();
      if ((booked.total ?? 0) > 0) throw new AppError('CONFLICT', `要停用或删除的设备还有 ${booked.total} 次预约的通话，请先改期或取消`);
    }

    const fields = { name: input.name, location: input.location ?? null, devices, updatedAt: ctx.now, updatedBy: ctx.openid };
    if (existing) {
      if (existing.version !== input.expectedVersion) throw new AppError('CONFLICT', '关爱室信息已被他人修改，请刷新后再改');
      // The version in the condition: of two concurrent saves of the same version only one lands.
      const res = await ctx.db.collection(ROOMS).where({ _id: existing._id, version: existing.version }).update({ ...fields, devices: _.set(devices), version: existing.version + 1 });
      if (!res.updated) throw new AppError('CONFLICT', '关爱室信息已被他人修改，请刷新后再改');
      return roomView({ ...existing, ...fields, version: existing.version + 1 });
    }
    const room: Room = { _id: 'room' + crypto.randomBytes(6).toString('hex'), schoolId: input.schoolId, ...fields, version: 1, createdAt: ctx.now };
    await ctx.db.collection(ROOMS).add(room);
    return roomView(room);
  },
});
