/**
 * Reading 成长动态: the class's posts for its teachers, a family's older posts, one post with a thread. A post is
 * named by id; with a childId the router has granted that child, and the post must be one the child's family sees
 * (an unknown post, another class's post and a post held for review all answer like someone else's).
 */
import type { ActionOutput } from '../../../typings/actions';
import type { Child, SchoolClass } from '../../../typings/domain';
import type { PostDetail } from '../../../typings/actions/growth';
import type { Role } from '../../../typings/roles';
import type { CloudApp, Database } from '../cloud';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE } from '../access';
import { COLLECTION } from '../collections';
import { readUrls } from '../files';
import { docOf } from '../archive/store';
import type { GrowthPost, GrowthReply } from './records';
import { familyExtras, familyPostView, replyView, staffPostView, visibleToFamilyOf, type StaffNames } from './views';

const PAGE = 10;
/** The granted record of a rule naming a child or a post (a child record may hold any field, so look at the kind's own). */
const isPost = (r: Child | GrowthPost): r is GrowthPost => typeof (r as GrowthPost).authorOpenid === 'string' && typeof (r as GrowthPost).audience === 'string';
const isFamily = (role: Role) => role === 'parent' || role === 'guardian';

interface Reader {
  db: Database;
  app: CloudApp;
  openid: string;
}

async function names(db: Database, childIds: string[], classId: string): Promise<StaffNames> {
  const _ = db.command;
  const ids = [...new Set(childIds)];
  const [children, cls] = await Promise.all([
    ids.length
      ? db
          .collection(COLLECTION.children)
          .where({ _id: _.in(ids), deletedAt: null })
          .field({ name: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    db.collection(COLLECTION.classes).doc(classId).field({ name: true }).get(),
  ]);
  return {
    children: new Map((children.data as { _id: string; name: string }[]).map((c) => [c._id, c.name])),
    className: docOf<Pick<SchoolClass, 'name'>>(cls)?.name ?? '',
  };
}

const beforeFilter = (db: Database, before: string | undefined) => (before ? { createdAt: db.command.lt(new Date(before)) } : {});

/** The class's posts for its teachers (held ones too), with who wrote under them and who waits for an answer. */
export async function classPosts(reader: Reader, cls: SchoolClass, before: string | undefined): Promise<ActionOutput<'posts.list'>> {
  const { db } = reader;
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.growthPosts)
    .where({ classId: cls._id, ...beforeFilter(db, before) })
    .orderBy('createdAt', 'desc')
    .limit(PAGE + 1)
    .get();
  const posts = (res.data as GrowthPost[]).slice(0, PAGE);
  const ids = posts.map((p) => p._id);
  const [replies, urls] = await Promise.all([
    ids.length
      ? db
          .collection(COLLECTION.growthReplies)
          .where({ postId: _.in(ids) })
          .field({ postId: true, childId: true, fromFamily: true, createdAt: true })
          .limit(1000)
          .get()
      : Promise.resolve({ data: [] }),
    readUrls(
      reader.app,
      posts.flatMap((p) => p.photos.map((f) => f.fileID)),
    ),
  ]);
  const rows = replies.data as GrowthReply[];
  const n = await names(db, [...posts.flatMap((p) => [p.childId ?? '', ...p.shows]), ...rows.map((r) => r.childId)].filter(Boolean), cls._id);
  const views = posts.map((p) => staffPostView(p, rows, n, urls, reader.openid));
  return {
    schoolClass: { id: cls._id, name: cls.name },
    posts: views,
    next: res.data.length > PAGE ? posts[posts.length - 1].createdAt.toISOString() : null,
    waiting: views.reduce((sum, v) => sum + v.threads.filter((t) => t.waiting).length, 0),
  };
}

/**
 * A family's posts before a time (the home shows the latest ones): the child's posts and the class's posts, two
 * indexed queries at once, merged newest first.
 */
export async function familyPosts(reader: Reader, child: Pick<Child, '_id' | 'classId'>, before: string | undefined, limit = PAGE) {
  const { db } = reader;
  const query = (where: Record<string, unknown>) =>
    db
      .collection(COLLECTION.growthPosts)
      .where({ ...where, status: 'published', ...beforeFilter(db, before) })
      .orderBy('createdAt', 'desc')
      .limit(limit + 1)
      .get();
  const [own, cls] = await Promise.all([query({ childId: child._id }), query({ classId: child.classId, audience: 'class' })]);
  const all = [...(own.data as GrowthPost[]), ...(cls.data as GrowthPost[])].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return { posts: all.slice(0, limit), more: all.length > limit };
}

export async function familyFeed(reader: Reader, child: Child, before: string): Promise<ActionOutput<'posts.feed'>> {
  const { posts, more } = await familyPosts(reader, child, before);
  const extras = await familyExtras(reader.db, reader.app, posts, { openid: reader.openid, childId: child._id });
  return { posts: posts.map((p) => familyPostView(p, extras)), next: more ? posts[posts.length - 1].createdAt.toISOString() : null };
}

/**
 * The post a request names and the child whose family's view it is: through the granted child (the post must be one
 * their family sees, or, for staff, one of the child's class), or the granted post itself.
 */
export async function resolvePost(db: Database, record: Child | GrowthPost, postId: string, role: Role): Promise<{ post: GrowthPost; child: string | null }> {
  if (isPost(record)) return { post: record, child: isFamily(role) ? record.childId : null };
  const post = docOf<GrowthPost>(await db.collection(COLLECTION.growthPosts).doc(postId).get());
  const reaches =
    post && (isFamily(role) ? visibleToFamilyOf(post, record) : post.classId === record.classId && (post.audience === 'class' || post.childId === record._id));
  if (!post || !reaches) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  return { post, child: record._id };
}

export async function postDetail(reader: Reader, post: GrowthPost, childId: string | null, role: Role): Promise<PostDetail> {
  const { db } = reader;
  const family = isFamily(role);
  if (family && !childId) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  const [replies, n] = await Promise.all([
    db
      .collection(COLLECTION.growthReplies)
      .where(family ? { postId: post._id, childId } : { postId: post._id })
      .orderBy('createdAt', 'asc')
      .limit(1000)
      .get(),
    names(db, [post.childId ?? '', childId ?? '', ...post.shows].filter(Boolean), post.classId),
  ]);
  const rows = replies.data as GrowthReply[];
  const threadRows = rows.filter((r) => r.childId === childId);
  const thread = childId ? { childId, childName: n.children.get(childId) ?? '', replies: threadRows.map((r) => replyView(r, reader.openid)) } : null;
  if (family) {
    const extras = await familyExtras(db, reader.app, [post], { openid: reader.openid, childId: childId as string });
    return { viewAs: 'family', post: familyPostView(post, extras), thread, canManage: false };
  }
  const urls = await readUrls(
    reader.app,
    post.photos.map((p) => p.fileID),
  );
  const staffNames = await names(
    db,
    rows.map((r) => r.childId),
    post.classId,
  );
  for (const [k, v] of n.children) staffNames.children.set(k, v);
  return { viewAs: 'staff', post: staffPostView(post, rows, staffNames, urls, reader.openid), thread, canManage: true };
}
