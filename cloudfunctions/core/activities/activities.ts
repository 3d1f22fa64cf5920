/**
 * Activities (活动) of a class or the school: kind, title, day, place, organiser, who is invited (children; teachers
 * at a training) and, from the activity's day on, attendance per person (出席、缺席、请假) in one save. The activity,
 * its invitation rows and the audit entry commit together; the same activity (place, day, kind, title) is recorded once.
 */
import crypto from 'node:crypto';
import type { ActionInput } from '../../../typings/actions';
import type { ActivityBrief, ActivityList, ActivityPerson, ActivityView, Invitable } from '../../../typings/actions/activities';
import type { BindingRecord, Child, SchoolClass } from '../../../typings/domain';
import type { Target } from '../access';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { storeOnce } from '../community/once';
import { fetchAllRows } from '../familyCalls/load';
import { nicknames } from '../talks/people';
import type { Writer } from '../talks/writer';
import { beijingDate, beijingMonth } from '../time';
import { ACTIVITY_KIND_LABELS, ATTENDANCE_LABELS, MEETING_KIND_LABELS } from './labels';
import type { SymposiumRecord } from '../talks/records';
import type { ActivityAttendance, ActivityRecord } from './records';

const placeWhere = (t: Target) => (t.classId ? { classId: t.classId } : { schoolId: t.schoolId });
export const placeNameOf = (t: Target) => t.schoolClass?.name ?? '全校';

const rows = <T>(db: Database, collection: string, where: object) =>
  fetchAllRows<T>((skip) => db.collection(collection).where(where).skip(skip).limit(1000).get());

/** The children of a place (with their class's name) and, for the whole school, its teachers. */
export async function invitable(db: Database, t: Target): Promise<Invitable> {
  const [children, classes, teachers] = await Promise.all([
    rows<Child>(db, COLLECTION.children, { ...placeWhere(t), deletedAt: null }),
    rows<SchoolClass>(db, COLLECTION.classes, { schoolId: t.schoolId }),
    t.classId
      ? Promise.resolve([] as BindingRecord[])
      : rows<BindingRecord>(db, COLLECTION.bindings, { schoolId: t.schoolId, role: 'teacher', revokedAt: null }),
  ]);
  const className = new Map(classes.map((c) => [c._id, c.name]));
  const names = await nicknames(
    db,
    teachers.map((b) => b.openid),
  );
  return {
    scope: { classId: t.classId, schoolId: t.schoolId, name: placeNameOf(t) },
    children: children
      .map((c) => ({ id: c._id, name: c.name, note: className.get(c.classId) ?? '' }))
      .sort((a, b) => a.note.localeCompare(b.note, 'zh') || a.name.localeCompare(b.name, 'zh')),
    teachers: teachers.map((b) => ({ id: b._id, name: names.get(b.openid) ?? b.label, note: b.label })),
  };
}

function brief(a: ActivityRecord, people: ActivityAttendance[], placeName: string): ActivityBrief {
  return {
    id: a._id,
    kind: a.kind,
    kindLabel: ACTIVITY_KIND_LABELS[a.kind],
    title: a.title,
    date: a.date,
    place: a.place,
    organiser: a.organiser,
    placeName,
    invited: people.length,
    present: people.filter((p) => p.status === 'present').length,
    taken: people.some((p) => p.status !== null),
  };
}

const byActivity = (db: Database, ids: string[]) =>
  ids.length ? rows<ActivityAttendance>(db, COLLECTION.activityAttendance, { activityId: db.command.in(ids) }) : Promise.resolve([]);

/** The activities of a month at a place (a class's, or every activity of the school). */
export async function activityList(db: Database, t: Target, month: string | undefined, now: Date): Promise<ActivityList> {
  const _ = db.command;
  const m = month ?? beijingMonth(now);
  const inMonth = { ...placeWhere(t), date: _.gte(`${m}-01`).and(_.lte(`${m}-31`)) };
  const [list, classes, meetings] = await Promise.all([
    rows<ActivityRecord>(db, COLLECTION.activities, inMonth),
    t.classId ? Promise.resolve([] as SchoolClass[]) : rows<SchoolClass>(db, COLLECTION.classes, { schoolId: t.schoolId }),
    rows<SymposiumRecord>(db, COLLECTION.symposiums, { ...inMonth, status: _.in(['scheduled', 'held']) }),
  ]);
  const people = await byActivity(
    db,
    list.map((a) => a._id),
  );
  const className = new Map(classes.map((c) => [c._id, c.name]));
  const nameOf = (a: ActivityRecord) => (a.classId ? (className.get(a.classId) ?? placeNameOf(t)) : '全校');
  return {
    scope: { classId: t.classId, schoolId: t.schoolId, name: placeNameOf(t) },
    month: m,
    today: beijingDate(now),
    activities: list
      .sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title, 'zh'))
      .map((a) =>
        brief(
          a,
          people.filter((p) => p.activityId === a._id),
          nameOf(a),
        ),
      ),
    meetings: meetings
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((s) => ({
        id: s._id,
        kindLabel: MEETING_KIND_LABELS[s.kind ?? 'symposium'],
        topic: s.topic,
        date: s.date,
        time: s.time ?? '',
        held: s.status === 'held',
      })),
  };
}

/** One activity with everyone invited and how they attended. */
export async function activityView(db: Database, a: ActivityRecord, now: Date): Promise<ActivityView> {
  const [people, cls] = await Promise.all([
    byActivity(db, [a._id]),
    a.classId ? db.collection(COLLECTION.classes).doc(a.classId).get() : Promise.resolve({ data: [] }),
  ]);
  const childIds = people.filter((p) => p.childId).map((p) => p.childId!);
  const [children, classes] = await Promise.all([
    childIds.length ? rows<Child>(db, COLLECTION.children, { _id: db.command.in(childIds), deletedAt: null }) : Promise.resolve([] as Child[]),
    rows<SchoolClass>(db, COLLECTION.classes, { schoolId: a.schoolId }),
  ]);
  const child = new Map(children.map((c) => [c._id, c]));
  const className = new Map(classes.map((c) => [c._id, c.name]));
  const shown = people.filter((p) => p.kind === 'teacher' || child.has(p.childId!));
  const person = (p: ActivityAttendance): ActivityPerson => ({
    personId: p.childId ?? p.bindingId!,
    kind: p.kind,
    name: p.kind === 'child' ? child.get(p.childId!)!.name : (p.name ?? '老师'),
    note: p.kind === 'child' ? (className.get(child.get(p.childId!)!.classId) ?? '') : '教师',
    status: p.status,
    materials: (p.materials ?? []).join('、'),
  });
  const today = beijingDate(now);
  const placeName = docOf<SchoolClass>(cls)?.name ?? '全校';
  return {
    ...brief(a, shown, placeName),
    classId: a.classId,
    people: shown.map(person).sort((x, y) => x.note.localeCompare(y.note, 'zh') || x.name.localeCompare(y.name, 'zh')),
    canTake: a.date <= today,
    today,
  };
}

const activityId = (t: Target, input: ActionInput<'activities.create'>) =>
  'act_' +
  crypto
    .createHash('sha256')
    .update([t.classId ?? t.schoolId, input.date, input.kind, input.title].join('\n'))
    .digest('hex')
    .slice(0, 24);

/** Who is invited: the children named (all of the place), or for a training the school's teachers named. */
async function invitees(w: Writer, t: Target, input: ActionInput<'activities.create'>): Promise<Omit<ActivityAttendance, '_id' | 'activityId'>[]> {
  const training = input.kind === 'training';
  const teacherIds = input.teacherIds ?? [];
  if (training && input.childIds.length) throw invalid('教师培训专班邀请的是老师，请不要选择孩子', 'childIds');
  if (!training && teacherIds.length) throw invalid('只有教师培训专班邀请老师', 'teacherIds');
  if (training && t.classId) throw invalid('教师培训专班由学校组织，请在全校范围登记', 'kind');
  if (!(training ? teacherIds : input.childIds).length)
    throw invalid(training ? '请选择参加培训的老师' : '请选择参加活动的孩子', training ? 'teacherIds' : 'childIds');
  const place = await invitable(w.db, t);
  const base = { schoolId: t.schoolId, classId: t.classId, date: input.date, status: null, takenBy: null, takenAt: null };
  const pick = <P extends { id: string }>(ids: string[], pool: P[], field: string, what: string) => {
    if (new Set(ids).size !== ids.length) throw invalid(`${what}有重复`, field);
    return ids.map((id, i) => {
      const found = pool.find((p) => p.id === id);
      if (!found) throw invalid(`${what}不在${place.scope.name}，请刷新后重新选择`, `${field}.${i}`);
      return found;
    });
  };
  if (training)
    return pick(teacherIds, place.teachers, 'teacherIds', '所选的老师').map((p) => ({
      ...base,
      kind: 'teacher',
      childId: null,
      bindingId: p.id,
      name: p.name,
    }));
  return pick(input.childIds, place.children, 'childIds', '所选的孩子').map((p) => ({ ...base, kind: 'child', childId: p.id, bindingId: null, name: null }));
}

export async function createActivity(w: Writer, t: Target, input: ActionInput<'activities.create'>): Promise<ActivityView> {
  const people = await invitees(w, t, input);
  const record: ActivityRecord = {
    _id: activityId(t, input),
    schoolId: t.schoolId,
    classId: t.classId,
    kind: input.kind,
    title: input.title,
    date: input.date,
    place: input.place,
    organiser: input.organiser,
    createdBy: w.openid,
    createdAt: w.now,
  };
  await storeOnce<ActivityRecord, void>(
    w.db,
    COLLECTION.activities,
    record._id,
    async (tx: Transaction) => {
      await tx.collection(COLLECTION.activities).add(record);
      await Promise.all(
        people.map((p) => tx.collection(COLLECTION.activityAttendance).add({ ...p, _id: `${record._id}_${p.childId ?? p.bindingId}`, activityId: record._id })),
      );
      await audit(tx, w.actor, [
        {
          kind: 'change',
          schoolId: t.schoolId,
          childId: null,
          fields: ['activities'],
          note: `${ACTIVITY_KIND_LABELS[input.kind]}：${input.title}，邀请 ${people.length} 人`,
        },
      ]);
    },
    () => {
      throw new AppError('CONFLICT', '这项活动已经登记过了');
    },
  );
  return activityView(w.db, record, w.now);
}

/** Attendance of the people marked, in one transaction; anyone not invited refuses the whole save. */
export async function takeAttendance(w: Writer, a: ActivityRecord, marks: ActionInput<'activities.attend'>['marks']): Promise<ActivityView> {
  if (a.date > beijingDate(w.now)) throw invalid('活动还没有开始，到活动当天再点名', 'marks');
  if (new Set(marks.map((m) => m.personId)).size !== marks.length) throw invalid('同一个人只能点名一次', 'marks');
  await w.db.runTransaction(async (tx: Transaction) => {
    const res = await tx.collection(COLLECTION.activityAttendance).where({ activityId: a._id }).get();
    const invited = new Map((res.data as ActivityAttendance[]).map((r) => [r.childId ?? r.bindingId, r]));
    const changed = marks.map((m, i) => {
      const row = invited.get(m.personId);
      if (!row) throw invalid('有人不在这次活动的邀请名单中，请刷新后重新点名', `marks.${i}.personId`);
      return { row, status: m.status };
    });
    await Promise.all(
      changed.map(({ row, status }) => tx.collection(COLLECTION.activityAttendance).doc(row._id).update({ status, takenBy: w.openid, takenAt: w.now })),
    );
    const counts = Object.entries(ATTENDANCE_LABELS).map(([s, label]) => `${label} ${marks.filter((m) => m.status === s).length}`);
    await audit(tx, w.actor, [
      { kind: 'change', schoolId: a.schoolId, childId: null, fields: ['activityAttendance'], note: `点名：${a.title}（${counts.join('、')}）` },
    ]);
  });
  return activityView(w.db, a, w.now);
}
