/**
 * 学籍状态 in the archive: a child recorded as 辍学 (dropped out) raises an alert for the admin to follow up
 * (控辍保学), in the same transaction as the change; once back on the roll the open alert is closed.
 */
import type { AlertRecord, Child } from '../../../typings/domain';
import type { Transaction } from '../cloud';
import { COLLECTION } from '../collections';
import type { Actor } from './store';

export const DROP_OUT_ALERT = 'dropped_out';

/** Pupils not attending: they count against 入学率 and 巩固率. */
export const NOT_ATTENDING = ['suspended', 'dropped_out'] as const;

export async function syncDropOutAlert(
  tx: Transaction,
  child: Pick<Child, '_id' | 'schoolId' | 'classId' | 'name' | 'enrolment'>,
  actor: Actor,
): Promise<'raised' | 'resolved' | null> {
  const droppedOut = child.enrolment?.status === 'dropped_out';
  const res = await tx.collection(COLLECTION.alerts).where({ childId: child._id, kind: DROP_OUT_ALERT, resolvedAt: null }).get();
  const open = res.data as AlertRecord[];
  if (droppedOut && open.length === 0) {
    const alert: Omit<AlertRecord, '_id'> = {
      schoolId: child.schoolId,
      classId: child.classId,
      childId: child._id,
      kind: DROP_OUT_ALERT,
      message: `${child.name}已登记为辍学。请尽快家访、联系监护人，落实控辍保学，劝返复学。`,
      createdAt: actor.now,
      createdBy: actor.openid,
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
    };
    await tx.collection(COLLECTION.alerts).add(alert);
    return 'raised';
  }
  if (!droppedOut && open.length > 0) {
    await Promise.all(
      open.map((a) =>
        tx
          .collection(COLLECTION.alerts)
          .doc(a._id)
          .update({ resolvedAt: actor.now, resolvedBy: actor.openid, resolution: '学籍状态已改为非辍学，系统自动解除' }),
      ),
    );
    return 'resolved';
  }
  return null;
}
