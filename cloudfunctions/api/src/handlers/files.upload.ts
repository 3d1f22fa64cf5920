import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { uploadLocally } from '../../../core/growth/uploads';

/**
 * The local emulator's stand-in for the phone's wx.cloud.uploadFile: the photo (base64) is put at its slot's path
 * through the SDK. In the cloud the phone uploads itself and this is refused.
 */
export default defineHandler('files.upload', {
  input: z.object({ uploadId: id('上传ID'), data: z.string({ error: '缺少照片' }).min(1, '缺少照片').max(7_200_000, '照片太大，每张不能超过 5 MB') }).strict(),
  access: { roles: ['teacher', 'admin'], scope: { photoUpload: 'uploadId' }, check: 'madeByCaller' },
  run(ctx, input) {
    if (!ctx.local) throw new AppError('FORBIDDEN', '请用微信上传照片（wx.cloud.uploadFile）');
    return uploadLocally(ctx.app, ctx.grant.record, input.data, ctx.now);
  },
});
