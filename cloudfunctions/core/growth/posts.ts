/**
 * Writing 成长动态: a teacher (class teacher, mentor for their mentee, admin) posts to one child's family or to every
 * family of the class. Text passes WeChat's content check (risky: refused; review: kept back until a teacher of the
 * class publishes it); a class post may show a child, by photo or by name, only with that child's photo consent, and
 * the server checks both the children it says it shows and the names in its text. The post, the claim of its photos
 * and the audit entry commit together; removing a post removes its photos, messages and likes.
 */
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { Child, SchoolClass } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Invocation, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { checkText, refusedText, type Verdict } from '../contentCheck';
import { docOf } from '../archive/store';
import { newId } from '../archive/ids';
import { removeFiles } from '../files';
import { checkPhotos, discardSlots, type PostPlace } from './uploads';
import { photoConsents } from './photoConsent';
import { announcePost } from './notify';
import type { GrowthPost, GrowthUpload } from './records';

export interface Author extends AuditActor {
  role: Role;
  label: string;
}

type Caller = Pick<Invocation, 'db' | 'app' | 'now' | 'openid'>;

/** The children of a class post, each with photo consent; and no other child of the class named in its text. */
async function checkShows(caller: Caller, cls: SchoolClass, shows: string[], text: string): Promise<string[]> {
  const res = await caller.db.collection(COLLECTION.children).where({ classId: cls._id, deletedAt: null }).field({ name: true }).limit(1000).get();
  const pupils = res.data as Pick<Child, '_id' | 'name'>[];
  const consents = await photoConsents(
    caller.db,
    pupils.map((p) => p._id),
  );
  const agreed = (id: string) => consents.get(id)?.decision === 'granted';
  const unique = [...new Set(shows)];
  for (const [i, id] of unique.entries()) {
    const pupil = pupils.find((p) => p._id === id);
    if (!pupil) throw invalid('照片里的孩子不在这个班级', `shows.${i}`);
    if (!agreed(id)) throw invalid(`${pupil.name}的家长还没有同意在班级动态中出现孩子的照片和名字`, `shows.${i}`);
  }
  const named = pupils.find((p) => p.name.length >= 2 && text.includes(p.name) && !agreed(p._id));
  if (named) throw invalid(`${named.name}的家长还没有同意在班级动态中出现孩子的名字，请不要写出孩子的名字`, 'text');
  return unique;
}

export async function createPost(
  caller: Caller,
  author: Author,
  record: Child | SchoolClass,
  input: ActionInput<'posts.create'>,
): Promise<ActionOutput<'posts.create'>> {
  const isChild = !!input.childId;
  const child = isChild ? (record as Child) : null;
  const cls = isChild ? null : (record as SchoolClass);
  if (cls?.archivedAt) throw new AppError('CONFLICT', '该班级已撤销');
  if (child && input.shows?.length) throw invalid('只发给这个孩子家庭的动态不需要选择照片里的孩子', 'shows');
  const place: PostPlace = child
    ? { schoolId: child.schoolId, classId: child.classId, childId: child._id }
    : { schoolId: cls!.schoolId, classId: cls!._id, childId: null };
  let verdict: Verdict;
  let shows: string[];
  try {
    [verdict, shows] = await Promise.all([
      checkText(caller.app, { openid: caller.openid, scene: 'social', content: input.text }),
      cls ? checkShows(caller, cls, input.shows ?? [], input.text) : Promise.resolve([]),
    ]);
    if (verdict === 'risky') throw refusedText();
  } catch (err) {
    await refusePhotos(caller, place, input.photos);
    throw err;
  }
  const { photos, slots } = await checkPhotos(caller.db, caller.app, caller, place, input.photos);
  const post: GrowthPost = {
    _id: newId(),
    ...place,
    audience: child ? 'child' : 'class',
    tag: input.tag,
    text: input.text,
    photos,
    shows,
    status: verdict === 'pass' ? 'published' : 'held',
    authorOpenid: author.openid,
    authorRole: author.role,
    authorLabel: author.label,
    likes: 0,
    createdAt: caller.now,
    publishedAt: verdict === 'pass' ? caller.now : null,
  };
  await caller.db.runTransaction(async (tx: Transaction) => {
    await claim(tx, slots, post._id);
    await tx.collection(COLLECTION.growthPosts).add(post);
    await audit(tx, author, [{ kind: 'change', schoolId: post.schoolId, childId: post.childId, fields: ['growthPost'], note: notePhotos(post) }]);
  });
  if (post.status === 'published') await announcePost(caller.db, post, caller.now);
  return {
    postId: post._id,
    status: post.status,
    notice: post.status === 'held' ? '这条动态需要再看一下才能发出：请班主任在“成长动态”里确认后发布' : null,
  };
}

const notePhotos = (post: GrowthPost) => `${post.audience === 'class' ? '班级动态' : '孩子动态'}，${post.photos.length} 张照片`;

/** Every slot still free (two posts naming one photo at once: the later one is refused). */
async function claim(tx: Transaction, slots: GrowthUpload[], postId: string): Promise<void> {
  const current = await Promise.all(slots.map((s) => tx.collection(COLLECTION.growthUploads).doc(s._id).get()));
  if (current.some((r) => docOf<GrowthUpload>(r)?.postId !== null)) throw new AppError('CONFLICT', '这些照片已经发出了，请刷新看看');
  await Promise.all(slots.map((s) => tx.collection(COLLECTION.growthUploads).doc(s._id).update({ postId })));
}

/** A post refused before its photos were looked at: the caller's own free uploads it named go too. */
async function refusePhotos(caller: Caller, place: PostPlace, fileIDs: string[]): Promise<void> {
  if (!fileIDs.length) return;
  const res = await caller.db
    .collection(COLLECTION.growthUploads)
    .where({ fileID: caller.db.command.in(fileIDs), createdBy: caller.openid, postId: null, classId: place.classId })
    .limit(100)
    .get();
  await discardSlots(caller.db, caller.app, res.data as GrowthUpload[]);
}

/** A held post, published by a teacher of the class after a look. */
export async function publishPost(caller: Caller, actor: AuditActor, post: GrowthPost): Promise<ActionOutput<'posts.publish'>> {
  if (post.status === 'published') throw new AppError('CONFLICT', '这条动态已经发布了');
  await caller.db.runTransaction(async (tx: Transaction) => {
    const current = docOf<GrowthPost>(await tx.collection(COLLECTION.growthPosts).doc(post._id).get());
    if (!current || current.status !== 'held') throw new AppError('CONFLICT', '这条动态已经发布或已删除');
    await tx.collection(COLLECTION.growthPosts).doc(post._id).update({ status: 'published', publishedAt: caller.now });
    await audit(tx, actor, [{ kind: 'change', schoolId: post.schoolId, childId: post.childId, fields: ['growthPost.status'], note: '老师确认后发布' }]);
  });
  await announcePost(caller.db, { ...post, status: 'published', publishedAt: caller.now }, caller.now);
  return { status: 'published' };
}

/** Remove a post: the post with its audit entry, then its photos, messages, likes and upload slots. */
export async function removePost(caller: Caller, actor: AuditActor, post: GrowthPost): Promise<ActionOutput<'posts.remove'>> {
  const _ = caller.db.command;
  await caller.db.runTransaction(async (tx: Transaction) => {
    const current = docOf<GrowthPost>(await tx.collection(COLLECTION.growthPosts).doc(post._id).get());
    if (!current) throw new AppError('CONFLICT', '这条动态已经删除了');
    await tx.collection(COLLECTION.growthPosts).doc(post._id).remove();
    await audit(tx, actor, [{ kind: 'delete', schoolId: post.schoolId, childId: post.childId, fields: ['growthPost'], note: notePhotos(post) }]);
  });
  const files = await removeFiles(
    caller.app,
    post.photos.map((p) => p.fileID),
  );
  await Promise.all([
    caller.db.collection(COLLECTION.growthReplies).where({ postId: post._id }).remove(),
    caller.db.collection(COLLECTION.growthLikes).where({ postId: post._id }).remove(),
    caller.db
      .collection(COLLECTION.growthUploads)
      .where({ postId: post._id, _id: _.exists(true) })
      .remove(),
  ]);
  return { removed: true, files };
}
