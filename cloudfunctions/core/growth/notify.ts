/**
 * What 成长动态 tells people, through the reminder engine (inbox; WeChat only for kinds in SUBSCRIPTION_KINDS, which
 * these are not, so a family's one-time subscriptions are kept for the calls; quiet hours are the engine's):
 *   families  a new post about their child or their class; a teacher's answer in their thread;
 *   teachers  a family's message under a post (the author and the class's head teachers).
 */
import type { BindingRecord } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { remind, type ReminderDraft } from '../reminders';
import type { GrowthPost, GrowthReply } from './records';

export const KIND = { post: 'growth.post', answer: 'growth.answer', reply: 'growth.reply' } as const;

export const postPage = (postId: string, childId?: string | null) => `areas/growth/pages/post/index?id=${postId}${childId ? `&childId=${childId}` : ''}`;

type Recipient = Pick<BindingRecord, 'openid' | 'role' | 'childId'>;

async function families(db: Database, childIds: string[]): Promise<Recipient[]> {
  if (!childIds.length) return [];
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.bindings)
    .where({ childId: _.in(childIds), role: _.in(['parent', 'guardian']), revokedAt: null })
    .field({ openid: true, role: true, childId: true })
    .limit(1000)
    .get();
  return res.data as Recipient[];
}

function draft(kind: string, to: Recipient, post: GrowthPost, subject: string, title: string, body: string, now: Date, childId: string | null): ReminderDraft {
  const family = to.role === 'parent' || to.role === 'guardian';
  return {
    kind,
    to: to.openid,
    role: to.role,
    subject,
    occurrence: subject,
    template: family ? 'schedule' : 'notice',
    fields: family ? { title, time: now, note: body } : { title, note: body, time: now, count: '1' },
    title,
    body,
    page: postPage(post._id, childId),
    at: now,
    schoolId: post.schoolId,
    childId,
  };
}

const excerpt = (text: string) => ([...text].length > 40 ? [...text].slice(0, 39).join('') + '…' : text);

/** A post just published: the families it is for. */
export async function announcePost(db: Database, post: GrowthPost, now: Date): Promise<void> {
  const childIds =
    post.audience === 'class'
      ? (await db.collection(COLLECTION.children).where({ classId: post.classId, deletedAt: null }).field({ _id: true }).limit(1000).get()).data.map(
          (c) => (c as { _id: string })._id,
        )
      : [post.childId as string];
  const to = await families(db, childIds);
  const title = post.audience === 'class' ? '班级有新动态' : '孩子有新动态';
  await remind(
    db,
    to.map((r) => draft(KIND.post, r, post, post._id, title, `${post.authorLabel}：${excerpt(post.text)}`, now, r.childId)),
    now,
  );
}

/** A message in a family's thread: to the teachers when the family wrote it, to the family when a teacher did. */
export async function announceReply(db: Database, post: GrowthPost, reply: GrowthReply, childName: string): Promise<void> {
  const _ = db.command;
  let to: Recipient[];
  if (reply.fromFamily) {
    const res = await db
      .collection(COLLECTION.bindings)
      .where(
        _.or([
          { openid: post.authorOpenid, role: _.in(['teacher', 'admin']), revokedAt: null },
          { classId: post.classId, role: 'teacher', title: 'head', childId: null, revokedAt: null },
        ]),
      )
      .field({ openid: true, role: true, childId: true })
      .limit(100)
      .get();
    to = (res.data as Recipient[]).filter((r, i, all) => all.findIndex((x) => x.openid === r.openid) === i && r.openid !== reply.byOpenid);
  } else {
    to = (await families(db, [reply.childId])).filter((r) => r.openid !== reply.byOpenid);
  }
  const title = reply.fromFamily ? `${childName}的家长留言了` : '老师回复了您的留言';
  await remind(
    db,
    to.map((r) =>
      draft(reply.fromFamily ? KIND.reply : KIND.answer, r, post, reply._id, title, `${reply.byLabel}：${excerpt(reply.text)}`, reply.createdAt, reply.childId),
    ),
    reply.createdAt,
  );
}
