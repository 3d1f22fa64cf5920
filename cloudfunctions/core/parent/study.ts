/**
 * Study progress for the family: the exams of the child's progress archive (进步档案) that a teacher chose to share.
 * Nothing is shared until a teacher switches an exam on; switching is audited with the change.
 */
import type { Child, ExamRecord } from '../../../typings/domain';
import type { ActionOutput } from '../../../typings/actions';
import type { StudyExamView } from '../../../typings/actions/growth';
import type { Database, Transaction } from '../cloud';
import { invalid } from '../errors';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { docOf } from '../archive/store';
import type { StudyShare } from '../growth/records';

const keyOf = (e: Pick<ExamRecord, 'date' | 'exam'>) => `${e.date}|${e.exam}`;
const byDateDesc = (a: ExamRecord, b: ExamRecord) => b.date.localeCompare(a.date);

export function sharedExams(child: Child, share: StudyShare | null): StudyExamView[] {
  const keys = new Set(share?.exams ?? []);
  return (child.studyRecords ?? [])
    .filter((e) => keys.has(keyOf(e)))
    .sort(byDateDesc)
    .map((e) => ({ exam: e.exam, date: e.date, scores: e.scores, rank: e.rank }));
}

export async function shareStudy(
  db: Database,
  actor: AuditActor,
  child: Child,
  change: { exam: string; date: string; shared: boolean } | undefined,
): Promise<ActionOutput<'parent.shareStudy'>> {
  const records = [...(child.studyRecords ?? [])].sort(byDateDesc);
  let keys = new Set(docOf<StudyShare>(await db.collection(COLLECTION.studyShares).doc(child._id).get())?.exams ?? []);
  if (change) {
    if (!records.some((e) => keyOf(e) === keyOf(change))) throw invalid('进步档案里没有这次考试', 'change');
    await db.runTransaction(async (tx: Transaction) => {
      keys = new Set(docOf<StudyShare>(await tx.collection(COLLECTION.studyShares).doc(child._id).get())?.exams ?? []);
      if (change.shared) keys.add(keyOf(change));
      else keys.delete(keyOf(change));
      const doc: Omit<StudyShare, '_id'> = {
        childId: child._id,
        schoolId: child.schoolId,
        classId: child.classId,
        exams: [...keys],
        updatedAt: actor.now,
        updatedBy: actor.openid,
      };
      await tx.collection(COLLECTION.studyShares).doc(child._id).set(doc);
      await audit(tx, actor, [
        {
          kind: 'change',
          schoolId: child.schoolId,
          childId: child._id,
          fields: ['studyShares'],
          note: `${change.shared ? '分享' : '不再分享'}：${change.exam}`,
        },
      ]);
    });
  }
  return {
    childName: child.name,
    exams: records.map((e) => ({
      exam: e.exam,
      date: e.date,
      subjects: e.scores.map((s) => `${s.subject} ${s.score}`).join('、'),
      shared: keys.has(keyOf(e)),
    })),
  };
}
