/**
 * Photos from the phone to a post: picked compressed (chooseMedia's sizeType, wx.compressImage when one is still
 * large), each put at the upload slot the server hands out. In the cloud the phone uploads with wx.cloud.uploadFile;
 * locally (DevTools, the browser preview, page tests) through the local transport: files.upload with the photo's
 * bytes, which the function puts in the emulator's storage. The server looks at every photo before the post uses it.
 */
import type { PhotoExt } from '../../../../typings/actions/growth';
import { call } from '../../../services/api';
import { transportKind } from '../../../config';

export interface PickedPhoto {
  path: string;
  size: number;
  ext: PhotoExt;
}

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const COMPRESS_ABOVE = 1024 * 1024;

const extOf = (path: string): PhotoExt => {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(path)?.[1] ?? 'jpg').toLowerCase();
  return ext === 'png' ? 'png' : ext === 'webp' ? 'webp' : 'jpg';
};

/** In the cloud build with wx.cloud (not the local transport of DevTools or the preview). */
const inCloud = () => transportKind() === 'cloud' && !!wx.cloud;

function compressed(photo: PickedPhoto): Promise<PickedPhoto> {
  if (!inCloud() || photo.size <= COMPRESS_ABOVE) return Promise.resolve(photo);
  return new Promise((resolve) =>
    wx.compressImage({
      src: photo.path,
      quality: 70,
      success: (r) => resolve({ ...photo, path: r.tempFilePath, ext: 'jpg' }),
      fail: () => resolve(photo),
    }),
  );
}

/** Up to `count` photos from the album or camera; [] when the person closes the picker. */
export function pickPhotos(count: number): Promise<PickedPhoto[]> {
  return new Promise((resolve, reject) =>
    wx.chooseMedia({
      count,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
      success: (res) => Promise.all(res.tempFiles.map((f) => compressed({ path: f.tempFilePath, size: f.size, ext: extOf(f.tempFilePath) }))).then(resolve),
      fail: (err) => (/cancel/.test(err.errMsg) ? resolve([]) : reject(new Error(err.errMsg))),
    }),
  );
}

function cloudUpload(cloudPath: string, filePath: string): Promise<string> {
  return new Promise((resolve, reject) =>
    wx.cloud.uploadFile({ cloudPath, filePath, success: (r) => resolve(r.fileID), fail: (e) => reject(new Error(e.errMsg)) }),
  );
}

/** Upload the photos for a post to `place`; resolves with their fileIDs in order. onProgress(done, total) after each. */
export async function uploadPhotos(
  place: { childId: string } | { classId: string },
  photos: PickedPhoto[],
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  if (!photos.length) return [];
  const { uploads } = await call('files.prepare', { ...place, photos: photos.map((p) => ({ ext: p.ext, size: p.size })) });
  const fileIDs: string[] = [];
  for (const [i, slot] of uploads.entries()) {
    const path = photos[i].path;
    fileIDs.push(
      inCloud()
        ? await cloudUpload(slot.cloudPath, path)
        : (await call('files.upload', { uploadId: slot.uploadId, data: wx.getFileSystemManager().readFileSync(path, 'base64') as string })).fileID,
    );
    onProgress?.(i + 1, uploads.length);
  }
  return fileIDs;
}

/** Full screen, swipe between them; WeChat offers 保存图片 on a long press. */
export function previewPhotos(urls: string[], current: string): void {
  wx.previewImage({ urls, current, showmenu: true });
}
