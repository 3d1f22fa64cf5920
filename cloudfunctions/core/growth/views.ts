/**
 * Who sees a post, and a post as each reader gets it. A family sees the published posts about their child and the
 * published class posts of their child's class (now: a child who moved class leaves the old class's posts behind),
 * with their own thread only: never another family's messages, the author's OPENID, fileIDs or the children a class
 * post shows. Photos are temporary URLs (core/files.ts).
 */
import type { Child } from '../../../typings/domain';
import type { FamilyPostView, ReplyView, StaffPostView } from '../../../typings/actions/growth';
import type { CloudApp, Database } from '../cloud';
import { COLLECTION } from '../collections';
import { readUrls } from '../files';
import { TAG_LABELS } from './labels';
import type { GrowthLike, GrowthPost, GrowthReply } from './records';

export function visibleToFamilyOf(post: GrowthPost, child: Pick<Child, '_id' | 'schoolId' | 'classId'>): boolean {
  if (post.status !== 'published' || post.schoolId !== child.schoolId) return false;
  return post.audience === 'class' ? post.classId === child.classId : post.childId === child._id;
}

/** The query of the posts a child's family sees. */
export function familyFilter(db: Database, child: Pick<Child, '_id' | 'classId'>): object {
  const _ = db.command;
  return _.and([{ status: 'published' }, _.or([{ childId: child._id }, { classId: child.classId, audience: 'class' }])]);
}

/** What a family's posts need besides the posts: their likes, their thread sizes, the photos' URLs (at once). */
export interface FamilyExtras {
  liked: Set<string>;
  replies: Map<string, number>;
  urls: Map<string, string>;
}

export async function familyExtras(db: Database, app: CloudApp, posts: GrowthPost[], viewer: { openid: string; childId: string }): Promise<FamilyExtras> {
  const _ = db.command;
  const ids = posts.map((p) => p._id);
  if (!ids.length) return { liked: new Set(), replies: new Map(), urls: new Map() };
  const [likes, replies, urls] = await Promise.all([
    db
      .collection(COLLECTION.growthLikes)
      .where({ postId: _.in(ids), openid: viewer.openid })
      .field({ postId: true })
      .limit(1000)
      .get(),
    db
      .collection(COLLECTION.growthReplies)
      .where({ postId: _.in(ids), childId: viewer.childId })
      .field({ postId: true })
      .limit(1000)
      .get(),
    readUrls(
      app,
      posts.flatMap((p) => p.photos.map((f) => f.fileID)),
    ),
  ]);
  const counts = new Map<string, number>();
  for (const r of replies.data as Pick<GrowthReply, 'postId'>[]) counts.set(r.postId, (counts.get(r.postId) ?? 0) + 1);
  return { liked: new Set((likes.data as Pick<GrowthLike, 'postId'>[]).map((l) => l.postId)), replies: counts, urls };
}

const photosOf = (post: GrowthPost, urls: Map<string, string>) => post.photos.map((p) => ({ url: urls.get(p.fileID) ?? '' })).filter((p) => p.url);

export function familyPostView(post: GrowthPost, extras: FamilyExtras): FamilyPostView {
  return {
    id: post._id,
    audience: post.audience,
    tag: post.tag,
    tagLabel: TAG_LABELS[post.tag],
    text: post.text,
    photos: photosOf(post, extras.urls),
    author: post.authorLabel,
    at: (post.publishedAt ?? post.createdAt).toISOString(),
    likes: post.likes,
    liked: extras.liked.has(post._id),
    replies: extras.replies.get(post._id) ?? 0,
  };
}

/** Names the staff view needs: the children (of the post, its class posts' shows, its threads) and the class. */
export interface StaffNames {
  children: Map<string, string>;
  className: string;
}

export function staffPostView(post: GrowthPost, replies: GrowthReply[], names: StaffNames, urls: Map<string, string>, openid: string): StaffPostView {
  const threads = new Map<string, GrowthReply[]>();
  for (const r of replies.filter((x) => x.postId === post._id)) threads.set(r.childId, [...(threads.get(r.childId) ?? []), r]);
  return {
    id: post._id,
    audience: post.audience,
    tag: post.tag,
    tagLabel: TAG_LABELS[post.tag],
    text: post.text,
    photos: photosOf(post, urls),
    author: post.authorLabel,
    at: (post.publishedAt ?? post.createdAt).toISOString(),
    likes: post.likes,
    status: post.status,
    audienceLabel: post.audience === 'class' ? `${names.className}全体家长` : `${names.children.get(post.childId ?? '') ?? '孩子'}的家长`,
    shows: post.shows.map((childId) => ({ childId, name: names.children.get(childId) ?? '（已离校）' })),
    threads: [...threads.entries()].map(([childId, list]) => {
      const sorted = [...list].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      return { childId, childName: names.children.get(childId) ?? '（已离校）', messages: list.length, waiting: sorted[sorted.length - 1].fromFamily };
    }),
    mine: post.authorOpenid === openid,
  };
}

export function replyView(r: GrowthReply, openid: string): ReplyView {
  return { id: r._id, by: r.byLabel, fromFamily: r.fromFamily, mine: r.byOpenid === openid, text: r.text, at: r.createdAt.toISOString() };
}
