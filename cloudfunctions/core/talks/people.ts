/**
 * Who a child's monthly talk belongs to — the mentor (帮扶教师) while the pairing lasts, else the class teacher
 * (班主任; every teacher of the class when none is marked) — and the names people sign their records with.
 */
import type { BindingRecord, Pairing, UserRecord } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { headsFirst } from '../familyCalls/teachers';
import { fetchAllRows } from '../familyCalls/load';
import { byChunks } from '../paging';
import type { Signed } from './records';

export interface Responsible {
  openids: string[];
  /** e.g. 王老师（帮扶教师）, 演示·班主任（班主任） */
  names: string[];
  /** true: the mentor; false: the class teacher stands in. */
  mentor: boolean;
}

/** The live mentor pairings of these children. */
export function mentorPairings(db: Database, childIds: string[]): Promise<Pairing[]> {
  const _ = db.command;
  return byChunks(childIds, (chunk) =>
    fetchAllRows<Pairing>((skip) =>
      db
        .collection(COLLECTION.pairings)
        .where({ childId: _.in(chunk), kind: 'mentor', endedAt: null })
        .skip(skip)
        .limit(1000)
        .get(),
    ),
  );
}

export async function nicknames(db: Database, openids: string[]): Promise<Map<string, string>> {
  const _ = db.command;
  const users = await byChunks(openids, async (chunk) => {
    const res = await db
      .collection(COLLECTION.users)
      .where({ _id: _.in(chunk) })
      .field({ nickname: true })
      .limit(1000)
      .get();
    return res.data as Pick<UserRecord, '_id' | 'nickname'>[];
  });
  return new Map(users.filter((u) => u.nickname).map((u) => [u._id, u.nickname as string]));
}

/** A class teacher's binding with the nickname they chose (from `users`), if any. */
type NamedTeacher = BindingRecord & { nickname?: string | null };

/** The live class teacher bindings (not mentor bindings) of these classes, each with its user's nickname, in one request. */
function namedClassTeachers(db: Database, classIds: string[]): Promise<NamedTeacher[]> {
  const _ = db.command;
  const $ = db.command.aggregate;
  return byChunks(classIds, (chunk) =>
    fetchAllRows<NamedTeacher>((skip) =>
      db
        .collection(COLLECTION.bindings)
        .aggregate()
        .match({ classId: _.in(chunk), role: 'teacher', childId: null, revokedAt: null })
        .sort({ _id: 1 })
        .skip(skip)
        .limit(1000)
        .lookup({ from: COLLECTION.users, localField: 'openid', foreignField: '_id', as: 'user' })
        .addFields({ nickname: $.arrayElemAt(['$user.nickname', 0]) })
        .project({ user: false })
        .end(),
    ),
  );
}

/**
 * For these children: who their talk belongs to. Reads the mentors and the class teachers (with their names) at
 * once: one round whatever the number of children.
 */
export async function responsibleFor(db: Database, children: { _id: string; classId: string }[]): Promise<Map<string, Responsible>> {
  const [pairings, teachers] = await Promise.all([
    mentorPairings(
      db,
      children.map((c) => c._id),
    ),
    namedClassTeachers(db, [...new Set(children.map((c) => c.classId))]),
  ]);
  const out = new Map<string, Responsible>();
  for (const child of children) {
    const mentors = pairings.filter((p) => p.childId === child._id && p.mentorOpenid);
    if (mentors.length) {
      out.set(child._id, {
        openids: mentors.map((m) => m.mentorOpenid!),
        names: mentors.map((m) => `${m.personName ?? '帮扶教师'}（帮扶教师）`),
        mentor: true,
      });
      continue;
    }
    const heads = unique(headsFirst(teachers.filter((t) => t.classId === child.classId))) as NamedTeacher[];
    out.set(child._id, { openids: heads.map((h) => h.openid), names: heads.map((h) => `${h.nickname || h.label}（班主任）`), mentor: false });
  }
  return out;
}

const unique = (bindings: BindingRecord[]) => bindings.filter((b, i) => bindings.findIndex((x) => x.openid === b.openid) === i);

/** The name a person signs with: the name a mentor pairing gives them for this child, else their nickname, else their binding's label. */
export async function signerOf(db: Database, openid: string, binding: Pick<BindingRecord, 'label'>, childId?: string): Promise<Signed> {
  const [names, pairings] = await Promise.all([nicknames(db, [openid]), childId ? mentorPairings(db, [childId]) : Promise.resolve([])]);
  const asMentor = pairings.find((p) => p.mentorOpenid === openid)?.personName;
  return { openid, name: asMentor ?? names.get(openid) ?? binding.label };
}

/** The admins of a school (for urgent alerts). */
export async function schoolAdmins(db: Database, schoolId: string): Promise<BindingRecord[]> {
  const res = await db.collection(COLLECTION.bindings).where({ schoolId, role: 'admin', revokedAt: null }).limit(100).get();
  return unique(res.data as BindingRecord[]);
}
