/**
 * The first screens of birthdays, each one call:
 *   a student's home   my buddy and their birthday, the class's birthdays from three days ago to a month ahead (only
 *                      announced ones, by given name and class), the cards I sent, the class corner, my reminders;
 *   the teacher's list the class's birthdays this week and this month, who is reminded, the cards received and waiting.
 * Each birthday shown is a read of the child's birth date: audited, one entry per child, in one request.
 */
import type { Child, Pairing, SchoolClass } from '../../../typings/domain';
import type { BirthdayListOutput, StudentHome, TeacherBirthdayRow, UpcomingBirthday } from '../../../typings/actions/birthdays';
import type { Database } from '../cloud';
import type { Grant, Target } from '../access';
import { invalid } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { beijing, beijingDate } from '../time';
import { docOf } from '../archive/store';
import { addDays, daysBetween, mondayOf } from '../familyCalls/clock';
import { approvalRequired } from '../wishes/moderation';
import { monthDayOf, sentView } from '../wishes/cards';
import { workView } from '../corner/works';
import type { CornerWorkRecord, WishRecord } from '../wishes/records';
import { cardOccurrence, celebrationsBetween, lunarLabel, nextBirthday, CARD_DAYS_AFTER } from './calendar';
import { audienceFacts, audienceOf, audiences, whereIn, type Audience } from './audience';
import { givenName } from './names';
import type { BirthdayOptInRecord } from './records';

type Kid = Pick<Child, '_id' | 'name' | 'classId' | 'birthDate' | 'lunarBirthday'>;
const KID_FIELDS = { name: true, classId: true, birthDate: true, lunarBirthday: true };
/** How far ahead a student's list looks. */
const AHEAD_DAYS = 30;

const auditBirthdays = (db: Database, actor: AuditActor, schoolId: string, childIds: string[], note: string) =>
  audit(
    db,
    actor,
    [...new Set(childIds)].map((childId) => ({ kind: 'read' as const, schoolId, childId, fields: ['birthDate', 'lunarBirthday'], note })),
  );

export async function studentHome(db: Database, grant: Grant<null>, openid: string, now: Date, actor: AuditActor): Promise<StudentHome> {
  const _ = db.command;
  const me = grant.binding;
  const classId = me.classId!;
  const today = beijingDate(now);
  const [classes, kidsRes, pairsRes, sentRes, featuredRes, total, optIn, mineRes] = await Promise.all([
    db.collection(COLLECTION.classes).where({ schoolId: me.schoolId }).field({ name: true }).limit(1000).get(),
    db.collection(COLLECTION.children).where({ classId, deletedAt: null }).field(KID_FIELDS).limit(1000).get(),
    me.childId
      ? db
          .collection(COLLECTION.pairings)
          .where(_.and([{ kind: 'buddy', endedAt: null }, _.or([{ childId: me.childId }, { buddyChildId: me.childId }])]))
          .limit(100)
          .get()
      : { data: [] },
    db.collection(COLLECTION.wishes).where({ fromOpenid: openid }).orderBy('createdAt', 'desc').limit(30).get(),
    db.collection(COLLECTION.cornerWorks).where({ classId, status: 'approved', featured: true }).orderBy('featuredAt', 'desc').limit(3).get(),
    db.collection(COLLECTION.cornerWorks).where({ classId, status: 'approved' }).count(),
    db.collection(COLLECTION.birthdayOptIns).doc(me._id).get(),
    me.childId
      ? db.collection(COLLECTION.wishes).where({ childId: me.childId, status: 'approved' }).orderBy('occurrence', 'desc').limit(300).get()
      : { data: [] },
  ]);
  const className = new Map((classes.data as Pick<SchoolClass, '_id' | 'name'>[]).map((c) => [c._id, c.name]));
  const kids = new Map((kidsRes.data as Kid[]).map((k) => [k._id, k]));
  const buddyIds = (pairsRes.data as Pairing[]).map((p) => (p.childId === me.childId ? p.buddyChildId! : p.childId)).filter((id) => id !== me.childId);
  const elsewhere = buddyIds.filter((id) => !kids.has(id));
  const [facts, others] = await Promise.all([
    audienceFacts(db, [...kids.keys(), ...elsewhere]),
    whereIn<Kid>(db, COLLECTION.children, '_id', elsewhere, { deletedAt: null }, KID_FIELDS),
  ]);
  for (const k of others) kids.set(k._id, k);
  const announced = (id: string) => audienceOf(facts.get(id)?.consent ?? null, facts.get(id)?.classmates ?? true) === 'everyone';
  const sent = sentRes.data as WishRecord[];
  const sentFor = new Set(sent.filter((w) => w.status !== 'rejected').map((w) => `${w.childId}|${w.occurrence}`));
  const day = (d: string) => ({ monthDay: monthDayOf(d), daysUntil: daysBetween(today, d) });

  const upcoming: UpcomingBirthday[] = [];
  for (const kid of kids.values()) {
    if (kid.classId !== classId || kid._id === me.childId || !announced(kid._id)) continue;
    const next = celebrationsBetween(kid, addDays(today, -CARD_DAYS_AFTER), addDays(today, AHEAD_DAYS))[0];
    if (!next) continue;
    const sentIt = sentFor.has(`${kid._id}|${next}`);
    upcoming.push({
      childId: kid._id,
      givenName: givenName(kid.name),
      className: className.get(kid.classId) ?? '',
      birthday: day(next),
      buddy: buddyIds.includes(kid._id),
      sent: sentIt,
      canSend: !sentIt && cardOccurrence(kid, today) === next,
    });
  }
  upcoming.sort((a, b) => a.birthday.daysUntil - b.birthday.daysUntil);
  const buddies = [...new Set(buddyIds)]
    .filter((id) => kids.has(id))
    .map((id) => {
      const kid = kids.get(id)!;
      const next = announced(id) ? nextBirthday(kid, addDays(today, -CARD_DAYS_AFTER)) : null;
      return { childId: id, givenName: givenName(kid.name), className: className.get(kid.classId) ?? '', birthday: next ? day(next) : null };
    });
  const mine = mineRes.data as WishRecord[];
  const shown = [...upcoming.map((u) => u.childId), ...buddies.filter((b) => b.birthday).map((b) => b.childId)];
  if (shown.length) await auditBirthdays(db, actor, me.schoolId!, shown, '学生首页：同学生日');
  return {
    classId,
    className: className.get(classId) ?? '',
    childId: me.childId,
    givenName: me.childId && kids.has(me.childId) ? givenName(kids.get(me.childId)!.name) : null,
    shared: !me.childId,
    buddies,
    upcoming,
    sent: sent.map((w) => sentView(w, kids.has(w.childId) ? givenName(kids.get(w.childId)!.name) : '同学')),
    corner: { featured: (featuredRes.data as CornerWorkRecord[]).map((w) => workView(w, openid)), total: total.total ?? 0 },
    optIn: docOf<BirthdayOptInRecord>(optIn)?.on ?? false,
    myCards: me.childId ? mine.filter((w) => w.occurrence === mine[0]?.occurrence).length : null,
  };
}

/** The class's birthdays of this week and this month (Beijing), for its teacher. */
export async function classBirthdays(db: Database, target: Target, now: Date, actor: AuditActor): Promise<BirthdayListOutput> {
  const classId = target.classId;
  if (!classId) throw invalid('请选择班级', 'classId');
  const _ = db.command;
  const today = beijingDate(now);
  const week = { from: mondayOf(today), to: addDays(mondayOf(today), 6) };
  const month = { from: `${today.slice(0, 7)}-01`, to: beijing(now).endOf('month').format('YYYY-MM-DD') };
  const from = week.from < month.from ? week.from : month.from;
  const to = week.to > month.to ? week.to : month.to;
  const [kidsRes, cardsRes, approval, waitingCards, waitingWorks, pairs] = await Promise.all([
    db.collection(COLLECTION.children).where({ classId, deletedAt: null }).field(KID_FIELDS).limit(1000).get(),
    db
      .collection(COLLECTION.wishes)
      .where({ classId, occurrence: _.gte(from).and(_.lte(to)) })
      .field({ childId: true, occurrence: true, status: true })
      .limit(1000)
      .get(),
    approvalRequired(db, classId),
    db.collection(COLLECTION.wishes).where({ classId, status: 'pending' }).count(),
    db.collection(COLLECTION.cornerWorks).where({ classId, status: 'pending' }).count(),
    db.collection(COLLECTION.pairings).where({ classId, kind: 'buddy', endedAt: null }).count(),
  ]);
  const kids = kidsRes.data as Kid[];
  const celebrated = kids.flatMap((kid) => celebrationsBetween(kid, from, to).map((date) => ({ kid, date })));
  // Every birthday of the list is shown (whoever hears of it): the reads are audited while the audiences load.
  const [audience] = await Promise.all([
    audiences(
      db,
      kids.map((k) => k._id),
    ),
    celebrated.length
      ? auditBirthdays(
          db,
          actor,
          target.schoolId,
          celebrated.map((c) => c.kid._id),
          '班级生日',
        )
      : null,
  ]);
  const cards = cardsRes.data as Pick<WishRecord, 'childId' | 'occurrence' | 'status'>[];
  const count = (childId: string, day: string, status: string) =>
    cards.filter((c) => c.childId === childId && c.occurrence === day && c.status === status).length;
  const rows: TeacherBirthdayRow[] = celebrated.map(({ kid, date }) => ({
    childId: kid._id,
    name: kid.name,
    date,
    daysUntil: daysBetween(today, date),
    lunar: lunarLabel(kid.lunarBirthday),
    audience: audience.get(kid._id) as Audience,
    cards: { approved: count(kid._id, date, 'approved'), pending: count(kid._id, date, 'pending') },
    inWeek: date >= week.from && date <= week.to,
    inMonth: date >= month.from && date <= month.to,
  }));
  rows.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name, 'zh'));
  return {
    classId,
    className: target.schoolClass?.name ?? '',
    today,
    week,
    month: today.slice(0, 7),
    rows,
    approvalRequired: approval,
    waiting: (waitingCards.total ?? 0) + (waitingWorks.total ?? 0),
    pairs: pairs.total ?? 0,
  };
}
