import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { loadRooms } from '../../../core/familyCalls/rooms';
import { roomView } from '../../../core/familyCalls/views';

/** The school's care rooms and their call devices with opening hours (admin sets them up; teachers book on them). */
export default defineHandler('rooms.list', {
  input: z.object({ schoolId: id('学校ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const rooms = await loadRooms(ctx.db, input.schoolId);
    return { rooms: rooms.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(roomView) };
  },
});
