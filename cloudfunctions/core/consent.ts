/**
 * Guardian consent (监护人同意): before a child's archive is filled, a parent or guardian agrees to the privacy
 * notice (in the mini-program, or on paper recorded by the teacher), or refuses. The latest record decides.
 */
import { z } from 'zod';
import type { Database, Transaction } from './cloud';
import type { Role } from '../../typings/roles';
import type { ConsentView, PrivacyNotice } from '../../typings/actions/accounts';
import { AppError, conflict, invalid } from './errors';
import { COLLECTION, type CollectionName } from './collections';
import { audit, type AuditActor } from './audit';
import { id, text } from './validate';

/** The input of a consent decision (the archive's, or photos'): the child, the decision, how it was given; `noticeLabel` names the notice in errors. */
export const consentInput = (noticeLabel = '告知书版本') =>
  z
    .object({
      childId: id('儿童ID'),
      decision: z.enum(['granted', 'refused'], { error: '请选择同意或不同意' }),
      noticeVersion: text(noticeLabel, 20),
      method: z.enum(['wechat', 'paper'], { error: '请选择同意方式' }),
      signerName: text('签字人姓名', 20).optional(),
      signerRelation: text('签字人与孩子的关系', 10).optional(),
    })
    .strict();

export const PRIVACY_NOTICE: PrivacyNotice = {
  version: '2026-11',
  title: '关爱室儿童个人信息保护告知书',
  paragraphs: [
    '为做好留守儿童关爱工作，学校将在“关爱室”小程序中记录孩子的基本情况、联系卡（父母务工地点与联系电话、监护人信息）、学习与成长情况、亲情视频和谈心记录。',
    '这些信息属于未满十四周岁儿童的敏感个人信息，仅用于学校、帮扶教师和您所在社区开展关爱帮扶，不会用于其他目的，不会向无关人员公开。',
    '只有需要的人才能看到需要的内容：班主任和帮扶教师可见完整档案；家长和监护人只能看到自己孩子的信息；同学只能看到生日提醒；电话号码等信息对其他人隐去部分数字。每一次查看档案都会被记录。',
    '孩子离校后，学校将按规定导出并删除其信息。您可以随时联系班主任查询、更正信息或撤回同意；撤回后学校将停止记录新的信息。',
  ],
};

/**
 * What a consent is about: the archive (this notice, collection consents) or another purpose recorded the same way
 * (photos in class posts: core/growth/photoConsent.ts), each with its own notice and collection.
 */
export interface ConsentKind {
  collection: CollectionName;
  notice: PrivacyNotice;
  /** The audit entry's field, e.g. 'photoConsent' (none for the archive consent). */
  auditField?: string;
}

export const ARCHIVE_CONSENT: ConsentKind = { collection: COLLECTION.consents, notice: PRIVACY_NOTICE };

export interface ConsentRecord {
  _id: string;
  childId: string;
  decision: 'granted' | 'refused';
  noticeVersion: string;
  method: 'wechat' | 'paper';
  /** Who consented: the parent/guardian's OPENID (wechat) or the signer's name (paper). */
  by: string;
  signerRelation: string | null;
  recordedBy: string;
  at: Date;
}

export async function latestConsent(db: Database, childId: string, kind: ConsentKind = ARCHIVE_CONSENT): Promise<ConsentRecord | null> {
  const res = await db.collection(kind.collection).where({ childId }).orderBy('at', 'desc').limit(1).get();
  return (res.data[0] as ConsentRecord | undefined) ?? null;
}

export function consentView(childId: string, record: ConsentRecord | null): ConsentView {
  return {
    childId,
    status: record ? record.decision : 'none',
    noticeVersion: record?.noticeVersion ?? null,
    by: record?.by ?? null,
    method: record?.method ?? null,
    at: record?.at.toISOString() ?? null,
  };
}

/** Archive writes call this first: no consent (or a refusal) means nothing is stored. */
export async function requireConsent(db: Database, childId: string): Promise<ConsentRecord> {
  const record = await latestConsent(db, childId);
  if (!record) throw new AppError('CONSENT_REQUIRED', '尚未取得监护人同意，不能填写档案。请家长在小程序中同意，或由老师登记纸质同意书');
  if (record.decision === 'refused') throw new AppError('CONSENT_REQUIRED', '监护人未同意记录孩子的信息，不能填写档案');
  return record;
}

export interface ConsentInput {
  childId: string;
  decision: 'granted' | 'refused';
  noticeVersion: string;
  method: 'wechat' | 'paper';
  signerName?: string;
  signerRelation?: string;
}

/** Who records the decision: a parent or guardian in WeChat (their binding's label says how they are related), or staff. */
export interface ConsentRecorder extends AuditActor {
  role: Role;
  label: string | null;
}

/**
 * Record a guardian's decision on the current privacy notice for one child: a parent/guardian in WeChat, or a
 * teacher or admin entering a signed paper form (with the signer's name and relation). The record and its audit
 * entry commit together.
 */
export async function recordConsent(
  db: Database,
  by: ConsentRecorder,
  schoolId: string,
  input: ConsentInput,
  kind: ConsentKind = ARCHIVE_CONSENT,
): Promise<ConsentView> {
  if (input.noticeVersion !== kind.notice.version) throw conflict('隐私告知书已更新，请重新阅读后再确认');
  const family = by.role === 'parent' || by.role === 'guardian';
  if (family && input.method !== 'wechat') throw invalid('家长请在小程序中直接确认', 'method');
  if (!family && input.method !== 'paper')
    throw new AppError('INVALID_INPUT', '老师只能登记家长签字的纸质同意书', [{ path: 'method', message: '老师只能登记纸质同意书' }]);
  if (!family && (!input.signerName || !input.signerRelation)) throw invalid('请填写签字人姓名和与孩子的关系', 'signerName');
  const record: Omit<ConsentRecord, '_id'> = {
    childId: input.childId,
    decision: input.decision,
    noticeVersion: input.noticeVersion,
    method: input.method,
    by: family ? by.openid : input.signerName!,
    signerRelation: family ? by.label : input.signerRelation!,
    recordedBy: by.openid,
    at: by.now,
  };
  const consentId = await db.runTransaction(async (tx: Transaction) => {
    const added = await tx.collection(kind.collection).add(record);
    const fields = kind.auditField ? [kind.auditField] : [];
    await audit(tx, by, [{ kind: 'consent', schoolId, childId: input.childId, fields, note: input.decision === 'granted' ? '同意' : '拒绝' }]);
    return added.id as string;
  });
  return consentView(input.childId, { _id: consentId, ...record });
}
