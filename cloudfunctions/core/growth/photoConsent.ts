/**
 * Photo consent (照片授权): whether a child's photo or name may appear in posts that every family of the class sees.
 * Recorded like the guardian consent (core/consent.ts: in WeChat by a parent or guardian, or a signed paper form
 * entered by a teacher; the latest decision counts), in its own collection with its own notice. Posts about the child
 * alone, to their own family, need no photo consent.
 */
import type { PrivacyNotice } from '../../../typings/actions/accounts';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { latestConsent, type ConsentKind, type ConsentRecord } from '../consent';

export const PHOTO_NOTICE: PrivacyNotice = {
  version: '2026-12-photo',
  title: '班级动态中孩子照片和名字的使用说明',
  paragraphs: [
    '老师会在“关爱室”小程序里把孩子在学校的照片和点滴发给家长。只发给您家的动态不需要另外同意。',
    '发给全班家长的班级动态（如运动会、节日活动的合影）里，只有家长同意后，才会出现您孩子的照片或名字。',
    '照片保存在学校的云存储中，只有本班的家长、监护人和老师能在小程序里看到，不会公开到网上，也不会用于其他目的。',
    '您可以随时改变主意：不同意之后，新的班级动态里不会再出现孩子的照片或名字；如需删除已发的照片，请联系班主任。',
  ],
};

export const PHOTO_CONSENT: ConsentKind = { collection: COLLECTION.photoConsents, notice: PHOTO_NOTICE, auditField: 'photoConsent' };

/** The latest photo-consent decision of each child (one query for a whole class). */
export async function photoConsents(db: Database, childIds: string[]): Promise<Map<string, ConsentRecord>> {
  const out = new Map<string, ConsentRecord>();
  if (!childIds.length) return out;
  const res = await db
    .collection(COLLECTION.photoConsents)
    .where({ childId: db.command.in(childIds) })
    .orderBy('at', 'desc')
    .limit(1000)
    .get();
  for (const r of res.data as ConsentRecord[]) if (!out.has(r.childId)) out.set(r.childId, r);
  return out;
}

export const latestPhotoConsent = (db: Database, childId: string) => latestConsent(db, childId, PHOTO_CONSENT);
