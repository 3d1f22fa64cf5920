/**
 * 爱心天地 (the class corner): per class, a board of 爱心宣言, 爱心牌图 and 宣传栏 works, written by the class's
 * students and teachers, moderated like the cards (../wishes/moderation.ts). The teacher picks the featured works
 * (挑选创意新颖、主题鲜明、版面精美的作品); the class's students and families read the approved ones. A work is
 * text for now; its photo comes with cloud storage (the field is there, null).
 */
import crypto from 'node:crypto';
import type { SchoolClass } from '../../../typings/domain';
import type { CornerBoard, CornerWorkView, PostOutput, WorkKind } from '../../../typings/actions/birthdays';
import type { Database, Invocation, Transaction } from '../cloud';
import { isDuplicate } from '../cloud';
import type { Grant } from '../access';
import { AppError, conflict, invalid } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { approvalRequired, moderate, signerOf } from '../wishes/moderation';
import type { CornerWorkRecord } from '../wishes/records';

/** A writer's works waiting for the teacher at most: more wait for the teacher to catch up. */
export const MAX_WAITING = 5;
const MAX_SHOWN = 100;

export function workView(w: CornerWorkRecord, openid: string): CornerWorkView {
  return {
    id: w._id,
    kind: w.kind,
    title: w.title,
    text: w.text,
    photo: null,
    authorLabel: w.authorLabel,
    status: w.status,
    featured: w.featured,
    mine: w.authorOpenid === openid,
    postedAt: w.createdAt.toISOString(),
  };
}

const isStaff = (grant: Grant) => grant.role === 'teacher' || grant.role === 'admin';

export async function className(db: Database, grant: Grant): Promise<string> {
  const known = grant.target?.schoolClass?.name;
  if (known) return known;
  const res = await db.collection(COLLECTION.classes).doc(grant.target!.classId!).field({ name: true }).get();
  return docOf<Pick<SchoolClass, 'name'>>(res)?.name ?? '';
}

/** The board of the class the grant names (a class, or a child's class for the family). */
export async function cornerBoard(db: Database, grant: Grant, openid: string): Promise<CornerBoard> {
  const classId = grant.target?.classId;
  if (!classId) throw invalid('请选择班级', 'classId');
  const _ = db.command;
  const [name, shown, mine, waiting] = await Promise.all([
    className(db, grant),
    db
      .collection(COLLECTION.cornerWorks)
      .where({ classId, status: 'approved' })
      .orderBy('featured', 'desc')
      .orderBy('createdAt', 'desc')
      .limit(MAX_SHOWN)
      .get(),
    db
      .collection(COLLECTION.cornerWorks)
      .where({ classId, authorOpenid: openid, status: _.neq('approved') })
      .orderBy('createdAt', 'desc')
      .limit(20)
      .get(),
    isStaff(grant) ? db.collection(COLLECTION.cornerWorks).where({ classId, status: 'pending' }).count() : null,
  ]);
  return {
    classId,
    className: name,
    works: (shown.data as CornerWorkRecord[]).map((w) => workView(w, openid)),
    mine: (mine.data as CornerWorkRecord[]).map((w) => workView(w, openid)),
    canPost: grant.role === 'student' || isStaff(grant),
    canFeature: isStaff(grant),
    waiting: waiting?.total ?? 0,
  };
}

/** The same work (class, writer, kind and words) is one record: posted twice, or twice at once, it is stored once. */
export function workId(classId: string, openid: string, kind: WorkKind, title: string, text: string): string {
  return (
    'cw' +
    crypto
      .createHash('sha256')
      .update(JSON.stringify([classId, openid, kind, title, text]))
      .digest('hex')
      .slice(0, 30)
  );
}

export async function postWork(
  ctx: Pick<Invocation, 'db' | 'app' | 'openid' | 'now'>,
  grant: Grant,
  input: { kind: WorkKind; title: string; text: string },
  actor: AuditActor,
): Promise<PostOutput> {
  const { db } = ctx;
  const classId = grant.target!.classId!;
  const id = workId(classId, ctx.openid, input.kind, input.title, input.text);
  const [name, approval, existing, waiting] = await Promise.all([
    className(db, grant),
    approvalRequired(db, classId),
    db.collection(COLLECTION.cornerWorks).doc(id).get(),
    db.collection(COLLECTION.cornerWorks).where({ classId, authorOpenid: ctx.openid, status: 'pending' }).limit(MAX_WAITING).get(),
  ]);
  if (docOf(existing)) throw conflict('这件作品已经发过了');
  if (waiting.data.length >= MAX_WAITING) throw conflict(`你已有 ${MAX_WAITING} 件作品在等老师看，等老师看过再发吧`);
  const signer = await signerOf(db, grant, name);
  const { status, flagged } = await moderate(ctx.app, signer, `${input.title}\n${input.text}`, approval);
  const record: CornerWorkRecord = {
    _id: id,
    schoolId: grant.target!.schoolId,
    classId,
    kind: input.kind,
    title: input.title,
    text: input.text,
    photo: null,
    authorOpenid: signer.openid,
    authorBindingId: signer.bindingId,
    authorRole: signer.role,
    authorLabel: signer.label,
    status,
    flagged,
    featured: false,
    featuredAt: null,
    reviewedAt: null,
    reviewedBy: null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  try {
    await db.runTransaction(async (tx: Transaction) => {
      await tx.collection(COLLECTION.cornerWorks).add(record);
      await audit(tx, actor, [{ kind: 'change', schoolId: record.schoolId, childId: null, fields: ['cornerWorks'], note: `爱心天地：${input.title}` }]);
    });
  } catch (err) {
    if (isDuplicate(err)) throw conflict('这件作品已经发过了');
    throw err;
  }
  const visible = status === 'approved';
  return { work: workView(record, ctx.openid), visible, message: visible ? '作品已贴到爱心天地' : '作品已交给老师，老师看过后就会贴出来' };
}

/** The teacher picks a work for the board (or takes it off the featured row); only approved works are featured. */
export async function featureWork(db: Database, workId: string, featured: boolean, actor: AuditActor): Promise<boolean> {
  await db.runTransaction(async (tx: Transaction) => {
    const work = docOf<CornerWorkRecord>(await tx.collection(COLLECTION.cornerWorks).doc(workId).get());
    if (!work) throw new AppError('NOT_FOUND', '没有这件作品');
    if (featured && work.status !== 'approved') throw conflict('作品通过后才能选为展示作品');
    if (work.featured === featured) throw conflict(featured ? '这件作品已经是展示作品了' : '这件作品不是展示作品');
    await tx
      .collection(COLLECTION.cornerWorks)
      .doc(workId)
      .update({ featured, featuredAt: featured ? actor.now : null, updatedAt: actor.now });
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: work.schoolId,
        childId: null,
        fields: ['cornerWorks.featured'],
        note: `${featured ? '选为' : '取消'}展示作品：${work.title}`,
      },
    ]);
  });
  return featured;
}
