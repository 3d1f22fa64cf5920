/**
 * The photos of a post, from the phone to the post:
 *   1. files.prepare: one upload slot per photo (a cloud path under growth/, for this teacher and this child or class,
 *      for two hours); a photo declared too large is refused before it travels;
 *   2. the phone puts each photo at its path (wx.cloud.uploadFile; locally files.upload through the function);
 *   3. posts.create names the fileIDs: each must be a slot of the caller for this very post's place, still free, and
 *      hold a JPEG/PNG/WebP image of at most 5 MB (looked at through its first bytes). A refused post deletes the
 *      caller's own free uploads it named, so nothing is left behind; the scheduler removes slots nobody used.
 */
import type { ActionOutput } from '../../../typings/actions';
import type { PhotoExt } from '../../../typings/actions/growth';
import type { CloudApp, Database } from '../cloud';
import { AppError, invalid } from '../errors';
import { COLLECTION } from '../collections';
import { pages } from '../reminders';
import { newId } from '../archive/ids';
import { fileIdPrefix, imageKind, inspectFiles, pathOfFileId, putFile, removeFiles } from '../files';
import { POST_LIMITS } from './labels';
import type { GrowthPost, GrowthUpload, StoredPhoto } from './records';

const SLOT_MS = 2 * 3600 * 1000;
/** Free slots one person may hold at once (a few posts' worth). */
const MAX_OPEN_SLOTS = 60;

export interface PostPlace {
  schoolId: string;
  classId: string;
  childId: string | null;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const LIMIT_TEXT = `每张不能超过 ${POST_LIMITS.photoBytes / 1024 / 1024} MB`;
const slotIdOf = (path: string) => /^growth\/([A-Za-z0-9_-]{1,64})\.(jpg|png|webp)$/.exec(path)?.[1] ?? null;

export async function prepareUploads(
  db: Database,
  app: CloudApp,
  who: { openid: string; now: Date },
  place: PostPlace,
  photos: { ext: PhotoExt; size: number }[],
): Promise<ActionOutput<'files.prepare'>> {
  photos.forEach((p, i) => {
    if (p.size > POST_LIMITS.photoBytes) throw invalid(`第${i + 1}张照片有 ${mb(p.size)}，${LIMIT_TEXT}，请换一张或压缩后再发`, `photos.${i}.size`);
  });
  const _ = db.command;
  const ids = photos.map(() => newId());
  const [open, prefix] = await Promise.all([
    db
      .collection(COLLECTION.growthUploads)
      .where({ createdBy: who.openid, postId: null, expiresAt: _.gt(who.now) })
      .count(),
    fileIdPrefix(app, `growth/${ids[0]}.${photos[0].ext}`),
  ]);
  if ((open.total ?? 0) + photos.length > MAX_OPEN_SLOTS) throw new AppError('RATE_LIMITED', '待发送的照片太多了，请先发出已选的动态，或两小时后再试');
  const expiresAt = new Date(who.now.getTime() + SLOT_MS);
  const slots: GrowthUpload[] = photos.map((p, i) => {
    const path = `growth/${ids[i]}.${p.ext}`;
    return { _id: ids[i], path, fileID: prefix + path, ext: p.ext, ...place, createdBy: who.openid, createdAt: who.now, expiresAt, postId: null };
  });
  await db.collection(COLLECTION.growthUploads).add(slots);
  return { uploads: slots.map((s) => ({ uploadId: s._id, cloudPath: s.path })), expiresAt: expiresAt.toISOString() };
}

/** The local stand-in for wx.cloud.uploadFile: the function puts the photo at the slot's path. */
export async function uploadLocally(app: CloudApp, slot: GrowthUpload, data: string, now: Date): Promise<{ fileID: string }> {
  if (slot.postId) throw new AppError('CONFLICT', '这张照片已经发出，请重新选择');
  if (slot.expiresAt.getTime() <= now.getTime()) throw new AppError('EXPIRED', '上传已过期，请重新选择照片');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw invalid('照片数据不正确', 'data');
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > POST_LIMITS.photoBytes) throw invalid(`照片有 ${mb(bytes.length)}，${LIMIT_TEXT}`, 'data');
  if (!imageKind(bytes.subarray(0, 16))) throw invalid('这不是照片（只支持 JPG、PNG、WebP 图片）', 'data');
  return { fileID: await putFile(app, slot.path, bytes) };
}

/** Remove slots and whatever was uploaded to them. */
export async function discardSlots(db: Database, app: CloudApp, slots: GrowthUpload[]): Promise<void> {
  if (!slots.length) return;
  const _ = db.command;
  await removeFiles(
    app,
    slots.map((s) => s.fileID),
  );
  for (let i = 0; i < slots.length; i += 500)
    await db
      .collection(COLLECTION.growthUploads)
      .where({ _id: _.in(slots.slice(i, i + 500).map((s) => s._id)) })
      .remove();
}

/**
 * The photos named by a new post, checked (see the file comment). Returns them with the slots to claim; throws a
 * clear INVALID_INPUT for the first bad one, after deleting the caller's free uploads among them.
 */
export async function checkPhotos(
  db: Database,
  app: CloudApp,
  who: { openid: string; now: Date },
  place: PostPlace,
  fileIDs: string[],
): Promise<{ photos: StoredPhoto[]; slots: GrowthUpload[] }> {
  if (!fileIDs.length) return { photos: [], slots: [] };
  if (new Set(fileIDs).size !== fileIDs.length) throw invalid('同一张照片出现了两次', 'photos');
  const ids = fileIDs.map((f) => slotIdOf(pathOfFileId(f) ?? ''));
  const known = ids.filter((id): id is string => !!id);
  const res = known.length
    ? await db
        .collection(COLLECTION.growthUploads)
        .where({ _id: db.command.in(known) })
        .limit(100)
        .get()
    : { data: [] };
  const named = (res.data as GrowthUpload[]).filter((s) => fileIDs.includes(s.fileID));
  const slots = new Map(named.map((s) => [s._id, s]));
  const refuse = async (message: string, index: number): Promise<never> => {
    await discardSlots(
      db,
      app,
      named.filter((s) => s.createdBy === who.openid && !s.postId),
    );
    throw invalid(message, `photos.${index}`);
  };
  const mine: GrowthUpload[] = [];
  for (const [i, id] of ids.entries()) {
    const slot = id ? slots.get(id) : undefined;
    const samePlace = slot && slot.schoolId === place.schoolId && slot.classId === place.classId && slot.childId === place.childId;
    if (!slot || slot.createdBy !== who.openid || !samePlace || slot.postId) await refuse(`第${i + 1}张照片不是为这条动态上传的，请重新选择照片`, i);
    else if (slot.expiresAt.getTime() <= who.now.getTime()) await refuse(`第${i + 1}张照片上传已过期，请重新选择`, i);
    else mine.push(slot);
  }
  const inspected = await inspectFiles(app, fileIDs);
  const photos: StoredPhoto[] = [];
  for (const [i, file] of inspected.entries()) {
    if (file.size === null) await refuse(`第${i + 1}张照片没有上传成功，请重新选择`, i);
    else if (!file.kind) await refuse(`第${i + 1}张不是照片（只支持 JPG、PNG、WebP 图片）`, i);
    else if (file.size > POST_LIMITS.photoBytes) await refuse(`第${i + 1}张照片有 ${mb(file.size)}，${LIMIT_TEXT}，请压缩后再发`, i);
    else photos.push({ fileID: file.fileID, uploadId: mine[i]._id, size: file.size, kind: file.kind });
  }
  return { photos, slots: mine };
}

/**
 * Morning tidy-up: slots nobody used (and what was uploaded to them), and the files of posts that are gone (a post
 * removed by a child's deletion, or whose removal stopped half way).
 */
export async function sweepUploads(db: Database, app: CloudApp, now: Date): Promise<{ growthUploads: number }> {
  const _ = db.command;
  let removed = 0;
  // A page at a time (in id order, each page after the last), never the whole collection in memory.
  for await (const stale of pages<GrowthUpload>(db, COLLECTION.growthUploads, { postId: null, expiresAt: _.lt(now) })) {
    await discardSlots(db, app, stale);
    removed += stale.length;
  }
  for await (const claimed of pages<GrowthUpload>(db, COLLECTION.growthUploads, { postId: _.neq(null) })) {
    const postIds = [...new Set(claimed.map((s) => s.postId as string))];
    const alive = new Set<string>();
    for (let i = 0; i < postIds.length; i += 500) {
      const res = await db
        .collection(COLLECTION.growthPosts)
        .where({ _id: _.in(postIds.slice(i, i + 500)) })
        .field({ _id: true })
        .limit(1000)
        .get();
      for (const p of res.data as Pick<GrowthPost, '_id'>[]) alive.add(p._id);
    }
    const orphans = claimed.filter((s) => !alive.has(s.postId as string));
    await discardSlots(db, app, orphans);
    removed += orphans.length;
  }
  return { growthUploads: removed };
}
