/**
 * Who chooses what about birthday reminders: a family whether classmates (buddies too) are reminded of their child's
 * birthday (off: only the teacher is); a student whether they are reminded of every classmate's birthday (their
 * buddies' birthdays they hear of anyway). Each choice is written with its audit entry.
 */
import type { BindingRecord, Child } from '../../../typings/domain';
import type { Database, Transaction } from '../cloud';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import type { BirthdayChoiceRecord, BirthdayOptInRecord } from './records';

export async function chooseForChild(db: Database, child: Child, classmates: boolean, actor: AuditActor): Promise<boolean> {
  await db.runTransaction(async (tx: Transaction) => {
    const record: Omit<BirthdayChoiceRecord, '_id'> = {
      schoolId: child.schoolId,
      classId: child.classId,
      childId: child._id,
      classmates,
      updatedAt: actor.now,
      updatedBy: actor.openid,
    };
    await tx.collection(COLLECTION.birthdayChoices).doc(child._id).set(record);
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: child.schoolId,
        childId: child._id,
        fields: ['birthdayChoices.classmates'],
        note: classmates ? '生日提醒同学' : '生日只提醒老师',
      },
    ]);
  });
  return classmates;
}

export async function chooseForStudent(db: Database, binding: BindingRecord, on: boolean, actor: AuditActor): Promise<boolean> {
  await db.runTransaction(async (tx: Transaction) => {
    const record: Omit<BirthdayOptInRecord, '_id'> = {
      openid: binding.openid,
      bindingId: binding._id,
      schoolId: binding.schoolId!,
      classId: binding.classId!,
      on,
      updatedAt: actor.now,
    };
    await tx.collection(COLLECTION.birthdayOptIns).doc(binding._id).set(record);
    await audit(tx, actor, [
      { kind: 'change', schoolId: binding.schoolId, childId: null, fields: ['birthdayOptIns.on'], note: on ? '接收同学生日提醒' : '不接收同学生日提醒' },
    ]);
  });
  return on;
}
