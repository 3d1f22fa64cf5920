/**
 * Who runs a call for the school, and so gets its morning agenda, the prompt to rebook it when missed and a parent's
 * request to move it: the teacher who booked its series while they still teach the child's class (or still mentor
 * the child, or are still an admin of the school); otherwise the class's head teacher (班主任), else every teacher
 * of the class, else the school's admins. Decided each time a message is made, so once the teacher leaves or loses
 * the class the next message already goes to whoever has the class.
 */
import type { BindingRecord, FamilyCallOccurrence } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Database } from '../cloud';
import { covers } from '../access';
import { COLLECTION } from '../collections';
import { fetchAllRows } from './load';

export type CallPlace = Pick<FamilyCallOccurrence, 'teacherOpenid' | 'schoolId' | 'classId' | 'childId'>;

export interface CallTeacher {
  to: { openid: string; role: Role }[];
  /** Their binding labels, e.g. 三年级(1)班 班主任. */
  labels: string[];
  /** Not the series' own teacher any more: they left or lost the class. */
  handedOver: boolean;
}

/** The head teachers of a class if it has any, else all its teachers. */
export function headsFirst(classTeachers: BindingRecord[]): BindingRecord[] {
  const heads = classTeachers.filter((t) => t.title === 'head');
  return heads.length ? heads : classTeachers;
}

/** The live class teacher bindings (not mentor bindings) of these classes. */
export function classTeacherBindings(db: Database, classIds: string[]): Promise<BindingRecord[]> {
  const _ = db.command;
  if (!classIds.length) return Promise.resolve([]);
  return fetchAllRows<BindingRecord>((skip) =>
    db
      .collection(COLLECTION.bindings)
      .where({ classId: _.in(classIds), role: 'teacher', childId: null, revokedAt: null })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get(),
  );
}

/** For these calls: who runs each of them now (three reads at once, whatever the number of calls). */
export async function callTeachers(db: Database, calls: CallPlace[]): Promise<(call: CallPlace) => CallTeacher> {
  const _ = db.command;
  if (!calls.length) return () => ({ to: [], labels: [], handedOver: false });
  const unique = (xs: string[]) => [...new Set(xs)];
  const [own, classTeachers, admins] = await Promise.all([
    fetchAllRows<BindingRecord>((skip) =>
      db
        .collection(COLLECTION.bindings)
        .where({ openid: _.in(unique(calls.map((c) => c.teacherOpenid))), role: _.in(['teacher', 'admin']), revokedAt: null })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    classTeacherBindings(db, unique(calls.map((c) => c.classId))),
    fetchAllRows<BindingRecord>((skip) =>
      db
        .collection(COLLECTION.bindings)
        .where({ schoolId: _.in(unique(calls.map((c) => c.schoolId))), role: 'admin', revokedAt: null })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
  ]);
  const of = (bindings: BindingRecord[], handedOver: boolean): CallTeacher => {
    const first = bindings.filter((b, i) => bindings.findIndex((x) => x.openid === b.openid) === i);
    return { to: first.map((b) => ({ openid: b.openid, role: b.role })), labels: first.map((b) => b.label), handedOver };
  };
  return (call) => {
    const place = { schoolId: call.schoolId, classId: call.classId, childId: call.childId, communityId: null };
    const still = own.filter((b) => b.openid === call.teacherOpenid && covers(b, place));
    if (still.length) return of(still.slice(0, 1), false);
    const ofClass = headsFirst(classTeachers.filter((t) => t.classId === call.classId));
    return of(ofClass.length ? ofClass : admins.filter((a) => a.schoolId === call.schoolId), true);
  };
}
