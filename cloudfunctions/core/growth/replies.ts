/**
 * Thanks and messages under a post. A family likes a post (once per person) and writes in its own thread, which only
 * that family and the class's teachers read; a teacher answers in it. Text passes WeChat's content check: risky text
 * is refused; a family's message that needs a look is kept and marked for the teacher who reads it, a teacher's
 * answer that needs one is refused (the family would read it unseen). Each message and its audit entry commit
 * together; the other side gets it in their inbox.
 */
import crypto from 'node:crypto';
import type { ActionOutput } from '../../../typings/actions';
import type { Role } from '../../../typings/roles';
import type { CloudApp, Database, Transaction } from '../cloud';
import { AppError } from '../errors';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { checkText, refusedText } from '../contentCheck';
import { docOf } from '../archive/store';
import { newId } from '../archive/ids';
import { announceReply } from './notify';
import { replyView } from './views';
import type { GrowthLike, GrowthPost, GrowthReply } from './records';

/** A thread is a conversation, not a chat room: this many messages at most. */
const MAX_THREAD = 100;

const isFamily = (role: Role) => role === 'parent' || role === 'guardian';

export interface Writer extends AuditActor {
  role: Role;
  label: string;
}

interface Caller {
  db: Database;
  app: CloudApp;
}

export async function likePost(caller: Caller, who: Writer, post: GrowthPost, childId: string, liked: boolean): Promise<ActionOutput<'posts.like'>> {
  if (!isFamily(who.role)) throw new AppError('FORBIDDEN', '点赞是家长和监护人的');
  const id = `${post._id}_${crypto.createHash('sha256').update(who.openid).digest('hex').slice(0, 20)}`;
  return caller.db.runTransaction(async (tx: Transaction) => {
    const [current, like] = await Promise.all([tx.collection(COLLECTION.growthPosts).doc(post._id).get(), tx.collection(COLLECTION.growthLikes).doc(id).get()]);
    const stored = docOf<GrowthPost>(current);
    if (!stored) throw new AppError('CONFLICT', '这条动态已经删除了');
    const had = !!docOf<GrowthLike>(like);
    if (had === liked) return { likes: stored.likes, liked };
    const likes = Math.max(0, stored.likes + (liked ? 1 : -1));
    await Promise.all([
      liked
        ? tx.collection(COLLECTION.growthLikes).add({ _id: id, postId: post._id, childId, openid: who.openid, at: who.now } satisfies GrowthLike)
        : tx.collection(COLLECTION.growthLikes).doc(id).remove(),
      tx.collection(COLLECTION.growthPosts).doc(post._id).update({ likes }),
    ]);
    return { likes, liked };
  });
}

export async function writeReply(
  caller: Caller,
  who: Writer,
  post: GrowthPost,
  child: { _id: string; name: string },
  text: string,
): Promise<ActionOutput<'replies.create'>> {
  const fromFamily = isFamily(who.role);
  if (post.status !== 'published') throw new AppError('CONFLICT', '这条动态还没有发布');
  const verdict = await checkText(caller.app, { openid: who.openid, scene: 'comment', content: text });
  if (verdict === 'risky') throw refusedText();
  if (verdict === 'review' && !fromFamily)
    throw new AppError('INVALID_INPUT', '这段回复可能不太合适，请换一种说法再发给家长', [{ path: 'text', message: '内容需要修改' }]);
  const reply: GrowthReply = {
    _id: newId(),
    postId: post._id,
    schoolId: post.schoolId,
    classId: post.classId,
    childId: child._id,
    byOpenid: who.openid,
    byRole: who.role,
    byLabel: who.label,
    fromFamily,
    text,
    review: verdict === 'review',
    createdAt: who.now,
  };
  await caller.db.runTransaction(async (tx: Transaction) => {
    const thread = await tx.collection(COLLECTION.growthReplies).where({ postId: post._id, childId: child._id }).field({ _id: true }).limit(MAX_THREAD).get();
    if (thread.data.length >= MAX_THREAD) throw new AppError('RATE_LIMITED', '这条动态下的留言已经很多了，有事请直接联系老师');
    await tx.collection(COLLECTION.growthReplies).add(reply);
    await audit(tx, who, [{ kind: 'change', schoolId: post.schoolId, childId: child._id, fields: ['growthReply'] }]);
  });
  await announceReply(caller.db, post, reply, child.name);
  return { reply: replyView(reply, who.openid) };
}
