/**
 * Honours (荣誉) of a child, e.g. 县级"自强少年": on the child's record for the staff and the family who may see it,
 * and told to the class's families in the growth feed only when the family has agreed that the child's name and
 * photo may appear in class posts (照片授权, core/growth/photoConsent.ts): a class post names the child to every
 * family of the class, which is exactly what that consent is about. Without it the honour stays on the record.
 */
import type { ActionInput, ActionOutput } from '../../../typings/actions';
import type { ChildActivities, HonourView } from '../../../typings/actions/activities';
import type { Child, SchoolClass } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Database, Transaction } from '../cloud';
import { invalid } from '../errors';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { newId } from '../archive/ids';
import { createPost } from '../growth/posts';
import { latestPhotoConsent } from '../growth/photoConsent';
import { schoolYear } from '../dashboard/terms';
import type { Writer } from '../talks/writer';
import { beijingDate } from '../time';
import { HONOUR_LEVEL_LABELS } from './labels';
import type { ActivityAttendance, HonourRecord } from './records';

const view = (h: HonourRecord): HonourView => ({
  id: h._id,
  title: h.title,
  level: h.level,
  levelLabel: HONOUR_LEVEL_LABELS[h.level],
  date: h.date,
  body: h.body,
});

export async function addHonour(w: Writer & { role: Role }, child: Child, input: ActionInput<'honours.add'>): Promise<ActionOutput<'honours.add'>> {
  if (input.date > beijingDate(w.now)) throw invalid('获奖日期不能晚于今天', 'date');
  const [consent, cls] = await Promise.all([latestPhotoConsent(w.db, child._id), w.db.collection(COLLECTION.classes).doc(child.classId).get()]);
  const honour: HonourRecord = {
    _id: newId(),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    title: input.title,
    level: input.level,
    date: input.date,
    body: input.body,
    postId: null,
    createdBy: w.openid,
    createdAt: w.now,
  };
  await w.db.runTransaction(async (tx: Transaction) => {
    await tx.collection(COLLECTION.honours).add(honour);
    await audit(tx, w.actor, [{ kind: 'change', schoolId: child.schoolId, childId: child._id, fields: ['honours'], note: `荣誉：${input.title}` }]);
  });
  if (!input.share) return { honour: view(honour), shared: false, notice: null };
  if (consent?.decision !== 'granted')
    return { honour: view(honour), shared: false, notice: `${child.name}的家长还没有同意在班级动态中出现孩子的名字，荣誉只记在孩子的档案里` };
  const post = await createPost(w, { ...w.actor, role: w.role, label: w.bindingLabel }, docOf<SchoolClass>(cls)!, {
    classId: child.classId,
    tag: 'honor',
    text: `祝贺${child.name}荣获${HONOUR_LEVEL_LABELS[input.level]}“${input.title}”称号（${input.body}）！`,
    photos: [],
    shows: [child._id],
  });
  await w.db.collection(COLLECTION.honours).doc(honour._id).update({ postId: post.postId });
  return { honour: view(honour), shared: true, notice: post.notice };
}

/** A child's honours and this school year's activities, for the child's record (two reads side by side). */
export async function childActivities(db: Database, child: Child, now: Date): Promise<ChildActivities> {
  const year = schoolYear(beijingDate(now));
  const _ = db.command;
  const [honours, attendance] = await Promise.all([
    db.collection(COLLECTION.honours).where({ childId: child._id }).orderBy('date', 'desc').limit(50).get(),
    db
      .collection(COLLECTION.activityAttendance)
      .where({ childId: child._id, date: _.gte(year.start) })
      .field({ status: true })
      .limit(1000)
      .get(),
  ]);
  const rows = attendance.data as Pick<ActivityAttendance, 'status'>[];
  return {
    honours: (honours.data as HonourRecord[]).map(view),
    invited: rows.length,
    attended: rows.filter((r) => r.status === 'present').length,
  };
}
