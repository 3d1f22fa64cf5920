/**
 * Birthday reminders (the scheduler's daily source, 07:30 Beijing), through the reminder engine:
 *   the day before   the child's hand-in-hand buddies (手拉手好朋友, both ways of the pairing) and the classmates who
 *                    asked for reminders: the given name and class only; the class teacher and the mentor teacher;
 *   the morning of   the family: a warm message, with the cards received so far;
 *   the next morning the family: 孩子收到了 N 张生日贺卡 (when there are any).
 * Who hears of it is the child's audience (./audience.ts): no consent, nobody; classmates switched off, the teacher.
 * A run also sends today's classmate and teacher reminders that a missed run did not (the same reminder is stored
 * once: kind, child, birthday and recipient are its key), so a birthday is announced once to each person however
 * often or however concurrently the trigger fires.
 *
 * The children celebrating on a day are found by two indexed queries (birth dates with that month and day; lunar
 * birthdays of that lunar month and day) and handled 500 at a time: the requests grow with those batches, not with
 * the number of children in the county.
 */
import type { BindingRecord, Child, Pairing, SchoolClass } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { pages, type ReminderDraft, type ReminderSource, type SourceContext } from '../reminders';
import { beijingDate } from '../time';
import { addDays, dayLabel } from '../familyCalls/clock';
import { celebratesOn, dayQuery, lunarLabel } from './calendar';
import { audiences, whereIn, type Audience } from './audience';
import { givenName } from './names';
import { composePage, teacherPage, wallPage } from './links';
import type { BirthdayOptInRecord } from './records';

export const BIRTHDAY_KIND = {
  /** buddies and classmates who asked, the day before */
  classmates: 'birthday.classmates',
  /** the class teacher and the mentor, the day before */
  teacher: 'birthday.teacher',
  /** the family, the morning of the birthday */
  family: 'birthday.family',
  /** the family, the next morning: how many cards */
  cards: 'birthday.cards',
} as const;

type ChildRow = Pick<Child, '_id' | 'schoolId' | 'classId' | 'name' | 'birthDate' | 'lunarBirthday'>;
type Row = Pick<BindingRecord, '_id' | 'openid' | 'classId' | 'childId' | 'title'>;

const BATCH = 500;
const CHILD_FIELDS = { _id: true, schoolId: true, classId: true, name: true, birthDate: true, lunarBirthday: true, purgeStartedAt: true };

/** The children whose birthday is celebrated on `day`, BATCH at a time. */
export async function* celebrating(db: Database, day: string): AsyncGenerator<ChildRow[]> {
  const query = dayQuery(day);
  if (!query) return;
  const _ = db.command;
  const found = new Map<string, ChildRow>();
  const wheres = [
    { birthDate: _.in(query.birthDates), deletedAt: null },
    { 'lunarBirthday.month': query.lunar.month, 'lunarBirthday.day': _.in(query.lunar.days), deletedAt: null },
  ];
  for (const where of wheres) {
    for await (const rows of pages<ChildRow & { purgeStartedAt?: Date }>(db, COLLECTION.children, where, { fields: CHILD_FIELDS })) {
      for (const c of rows) if (!c.purgeStartedAt && celebratesOn(c, day)) found.set(c._id, c);
    }
  }
  const all = [...found.values()];
  for (let i = 0; i < all.length; i += BATCH) yield all.slice(i, i + BATCH);
}

interface Batch {
  kids: ChildRow[];
  className: Map<string, string>;
  audience: Map<string, Audience>;
}

/** The classes (archived ones leave their children out) and audiences of a batch. */
async function batchOf(db: Database, rows: ChildRow[]): Promise<Batch> {
  const [classes, audience] = await Promise.all([
    whereIn<Pick<SchoolClass, '_id' | 'name' | 'archivedAt'>>(
      db,
      COLLECTION.classes,
      '_id',
      rows.map((c) => c.classId),
      {},
      { name: true, archivedAt: true },
    ),
    audiences(
      db,
      rows.map((c) => c._id),
    ),
  ]);
  const className = new Map(classes.filter((c) => !c.archivedAt).map((c) => [c._id, c.name]));
  return { kids: rows.filter((c) => className.has(c.classId) && audience.get(c._id) !== 'nobody'), className, audience };
}

const draftBase = (kid: ChildRow, day: string, now: Date) => ({
  subject: kid._id,
  occurrence: day,
  template: 'birthday' as const,
  at: now,
  schoolId: kid.schoolId,
  childId: kid._id,
});

/** Buddies and opted-in classmates of each child: student bindings, the buddy first when someone is both. */
async function classmatesOf(db: Database, batch: Batch): Promise<Map<string, Map<string, 'buddy' | 'classmate'>>> {
  const everyone = batch.kids.filter((k) => batch.audience.get(k._id) === 'everyone');
  const ids = everyone.map((k) => k._id);
  const live = { kind: 'buddy', endedAt: null };
  const pairFields = { childId: true, buddyChildId: true };
  const [pairs, reverse, optIns] = await Promise.all([
    whereIn<Pick<Pairing, 'childId' | 'buddyChildId'>>(db, COLLECTION.pairings, 'childId', ids, live, pairFields),
    whereIn<Pick<Pairing, 'childId' | 'buddyChildId'>>(db, COLLECTION.pairings, 'buddyChildId', ids, live, pairFields),
    whereIn<BirthdayOptInRecord>(
      db,
      COLLECTION.birthdayOptIns,
      'classId',
      everyone.map((k) => k.classId),
      { on: true },
    ),
  ]);
  const buddiesOf = new Map<string, Set<string>>();
  const link = (kid: string, buddy: string | null) => buddy && buddiesOf.set(kid, (buddiesOf.get(kid) ?? new Set()).add(buddy));
  for (const p of pairs) link(p.childId, p.buddyChildId);
  for (const p of reverse) link(p.buddyChildId!, p.childId);
  const student = { role: 'student', revokedAt: null };
  const fields = { openid: true, classId: true, childId: true };
  const [buddyBindings, optedBindings] = await Promise.all([
    whereIn<Row>(
      db,
      COLLECTION.bindings,
      'childId',
      [...buddiesOf.values()].flatMap((s) => [...s]),
      student,
      fields,
    ),
    whereIn<Row>(
      db,
      COLLECTION.bindings,
      '_id',
      optIns.map((o) => o.bindingId),
      student,
      fields,
    ),
  ]);
  const out = new Map<string, Map<string, 'buddy' | 'classmate'>>();
  for (const kid of everyone) {
    const to = new Map<string, 'buddy' | 'classmate'>();
    for (const b of optedBindings) if (b.classId === kid.classId && b.childId !== kid._id) to.set(b.openid, 'classmate');
    const buddies = buddiesOf.get(kid._id) ?? new Set();
    for (const b of buddyBindings) if (buddies.has(b.childId!) && b.childId !== kid._id) to.set(b.openid, 'buddy');
    out.set(kid._id, to);
  }
  return out;
}

/** The class teachers (the 班主任 where one is marked) and the mentor teacher of each child. */
async function teachersOf(db: Database, batch: Batch): Promise<Map<string, string[]>> {
  const rows = await whereIn<Row>(
    db,
    COLLECTION.bindings,
    'classId',
    batch.kids.map((k) => k.classId),
    { role: 'teacher', revokedAt: null },
    { openid: true, classId: true, childId: true, title: true },
  );
  const out = new Map<string, string[]>();
  for (const kid of batch.kids) {
    const teach = rows.filter((t) => t.classId === kid.classId && !t.childId);
    const heads = teach.filter((t) => t.title === 'head');
    const mentors = rows.filter((t) => t.childId === kid._id);
    out.set(kid._id, [...new Set([...(heads.length ? heads : teach), ...mentors].map((t) => t.openid))]);
  }
  return out;
}

/** The day before (or, after a missed run, the day itself): buddies, classmates who asked, teachers. */
async function dayBeforeDrafts(db: Database, batch: Batch, day: string, today: string, now: Date): Promise<ReminderDraft[]> {
  const [students, teachers] = await Promise.all([classmatesOf(db, batch), teachersOf(db, batch)]);
  const when = day === today ? '今天' : '明天';
  const date = dayLabel(day);
  return batch.kids.flatMap((kid) => {
    const given = givenName(kid.name);
    const className = batch.className.get(kid.classId)!;
    const base = draftBase(kid, day, now);
    const toStudents = [...(students.get(kid._id) ?? [])].map(([openid, tie]): ReminderDraft => ({
      ...base,
      kind: BIRTHDAY_KIND.classmates,
      to: openid,
      role: 'student',
      fields: { name: given, date: day, note: '送上一声生日祝福吧' },
      title: `${when}是${given}的生日`,
      body: `${tie === 'buddy' ? '你的手拉手好朋友' : '同班同学'}${given}（${className}）${when}（${date}）过生日，送上一声祝福、做一张小贺卡吧！`,
      page: composePage(kid._id),
    }));
    const lunar = lunarLabel(kid.lunarBirthday);
    const who = batch.audience.get(kid._id) === 'teacher' ? '家长关闭了同学提醒，只提醒您。' : '已提醒孩子的手拉手好朋友和愿意收到提醒的同学。';
    const toTeachers = (teachers.get(kid._id) ?? []).map((openid): ReminderDraft => ({
      ...base,
      kind: BIRTHDAY_KIND.teacher,
      to: openid,
      role: 'teacher',
      fields: { name: kid.name, date: day, note: `${className}${kid.name}${when}过生日` },
      title: `${when}是${kid.name}的生日`,
      body: `${className}${kid.name}${when}（${date}${lunar ? `，${lunar}` : ''}）过生日。${who}`,
      page: teacherPage(kid.classId),
    }));
    return [...toStudents, ...toTeachers];
  });
}

/** The family: on the day a warm message; the next morning how many cards the child received. */
async function familyDrafts(db: Database, batch: Batch, day: string, kind: 'family' | 'cards', now: Date): Promise<ReminderDraft[]> {
  const ids = batch.kids.map((k) => k._id);
  const [family, cards] = await Promise.all([
    whereIn<Row & { role: 'parent' | 'guardian' }>(
      db,
      COLLECTION.bindings,
      'childId',
      ids,
      { role: db.command.in(['parent', 'guardian']), revokedAt: null },
      { openid: true, childId: true, role: true },
    ),
    whereIn<{ childId: string }>(db, COLLECTION.wishes, 'childId', ids, { occurrence: day, status: 'approved' }, { childId: true }),
  ]);
  const count = new Map<string, number>();
  for (const c of cards) count.set(c.childId, (count.get(c.childId) ?? 0) + 1);
  return batch.kids.flatMap((kid) => {
    const n = count.get(kid._id) ?? 0;
    if (kind === 'cards' && n === 0) return [];
    const title = kind === 'family' ? `今天是${kid.name}的生日` : `孩子收到了 ${n} 张生日贺卡`;
    const body =
      kind === 'family'
        ? `祝${kid.name}生日快乐！${n ? `老师和同学们已经送来 ${n} 张生日贺卡，` : '今天老师和同学们会为孩子送上祝福，'}打开看看孩子收到的贺卡吧。`
        : `${kid.name}的生日（${dayLabel(day)}）收到了 ${n} 张老师和同学送的生日贺卡，点开看看吧。`;
    return family
      .filter((f) => f.childId === kid._id)
      .map((f): ReminderDraft => ({
        ...draftBase(kid, day, now),
        kind: BIRTHDAY_KIND[kind],
        to: f.openid,
        role: f.role,
        fields: { name: kid.name, date: day, note: kind === 'family' ? '祝孩子生日快乐' : `收到${n}张生日贺卡` },
        title,
        body,
        page: wallPage(kid._id),
      }));
  });
}

export async function* birthdayDrafts({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const today = beijingDate(now);
  for (const day of [addDays(today, 1), today, addDays(today, -1)]) {
    for await (const rows of celebrating(db, day)) {
      const batch = await batchOf(db, rows);
      if (!batch.kids.length) continue;
      const drafts = await Promise.all([
        day >= today ? dayBeforeDrafts(db, batch, day, today, now) : [],
        day === today ? familyDrafts(db, batch, day, 'family', now) : [],
        day < today ? familyDrafts(db, batch, day, 'cards', now) : [],
      ]);
      if (drafts.flat().length) yield drafts.flat();
    }
  }
}

export const birthdaySource: ReminderSource = { name: 'birthdays', cadence: 'daily', collect: birthdayDrafts };
