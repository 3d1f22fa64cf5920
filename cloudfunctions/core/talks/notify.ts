/**
 * What the talk area tells people, through the reminder engine (each reminder is stored once: kind, subject,
 * occurrence and recipient are its key, so a trigger that fires twice sends nothing twice):
 *   at once     an individual plan now due to whoever the talk belongs to (unless its day has passed: the daily
 *               reminder has it); the family summary to the parents and guardians when the talk is recent (an old
 *               card entered late is on the child page only); the urgent alert goes out as every alert does
 *               (core/alerts/deliver.ts);
 *   the 20th    each teacher: the children whose talk of the month is not recorded yet (talksNudge, daily source);
 *   the 1st     each class teacher: last month's talks left undone (talksOverdue, monthly source);
 *   daily       an individual plan still missing 7 and 2 days before its due day, on it, then weekly with the admins
 *               (plansDue); a plan's review 3 days before and on the day (plansReview).
 */
import type { Child } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { pages, remind, type CheckpointBatch, type ReminderDraft, type ReminderSource, type SourceContext } from '../reminders';
import { fetchAllRows, parentBindings } from '../familyCalls/load';
import { classTeacherBindings, headsFirst } from '../familyCalls/teachers';
import { beijing, beijingDate, beijingMonth } from '../time';
import { addDays, dayLabel } from './dates';
import { daysBetween } from '../familyCalls/clock';
import { CONCERN_LABELS, PLAN_CONCERNS } from './labels';
import { responsibleFor, schoolAdmins, type Responsible } from './people';
import type { EducationPlanRecord, TalkRecord } from './records';
import { dueIn, isNudgeDay, ROUND_CHILD_FIELDS, shiftMonth, type RoundChild } from './round';

export const KIND = {
  planDue: 'talks.planDue',
  shared: 'talks.shared',
  nudge: 'talks.nudge',
  overdue: 'talks.overdue',
  review: 'plans.review',
} as const;

export const PAGE = {
  month: (query = '') => `areas/talks/pages/month/index${query}`,
  child: (childId: string) => `areas/talks/pages/child/index?childId=${childId}`,
  plan: (query: string) => `areas/talks/pages/plan/index?${query}`,
  familyChild: (childId: string) => `areas/archive/pages/child/index?childId=${childId}`,
};

interface Recipient {
  openid: string;
  role: Role;
}

/** A work reminder to staff (the notice template). */
function notice(
  kind: string,
  to: Recipient,
  o: { subject: string; occurrence: string; title: string; body: string; page: string; count?: number; schoolId: string; childId: string | null; now: Date },
): ReminderDraft {
  return {
    kind,
    to: to.openid,
    role: to.role,
    subject: o.subject,
    occurrence: o.occurrence,
    template: 'notice',
    fields: { title: o.title, note: o.body, time: o.now, count: String(o.count ?? 1) },
    title: o.title,
    body: o.body,
    page: o.page,
    at: o.now,
    schoolId: o.schoolId,
    childId: o.childId,
  };
}

const teachers = (openids: string[]): Recipient[] => [...new Set(openids)].map((openid) => ({ openid, role: 'teacher' as const }));

/** A family summary goes to the family when the talk is at most this many days old. */
const SHARE_DAYS = 7;

export interface Recorded {
  child: Child;
  talk: TalkRecord;
  responsible: Responsible;
  now: Date;
}

/** The reminders a new card calls for; answers how many parents and guardians got its family summary. */
export async function notifyTalk(db: Database, r: Recorded): Promise<number> {
  const { child, talk, now } = r;
  const base = { schoolId: child.schoolId, childId: child._id, now };
  const drafts: ReminderDraft[] = [];
  const today = beijingDate(now);
  if (talk.planPending && talk.planRequirement!.dueDate >= today) {
    const found = talk.concerns
      .filter((c) => PLAN_CONCERNS.includes(c))
      .map((c) => CONCERN_LABELS[c])
      .join('、');
    const due = talk.planRequirement!.dueDate;
    const body = `${dayLabel(talk.date)}谈心发现${child.name}${found}，请在${dayLabel(due)}前制定个别教育管理方案。`;
    for (const person of teachers(r.responsible.openids))
      drafts.push(
        notice(KIND.planDue, person, {
          ...base,
          subject: talk._id,
          occurrence: 'opened',
          title: `${child.name}需制定个别教育管理方案`,
          body,
          page: PAGE.plan(`childId=${child._id}`),
        }),
      );
  }
  let shared = 0;
  if (talk.familySummary && daysBetween(talk.date, today) <= SHARE_DAYS) {
    const family = await parentBindings(db, child._id);
    const people = family.filter((b, i) => family.findIndex((x) => x.openid === b.openid) === i);
    shared = people.length;
    for (const b of people)
      drafts.push({
        kind: KIND.shared,
        to: b.openid,
        role: b.role,
        subject: talk._id,
        occurrence: 'shared',
        template: 'schedule',
        fields: { title: '老师与孩子谈心了', time: talk.date, child: child.name, note: talk.familySummary },
        title: `${child.name}的谈心小结`,
        body: `${dayLabel(talk.date)}老师与${child.name}谈心：${talk.familySummary}`,
        page: PAGE.familyChild(child._id),
        at: now,
        schoolId: child.schoolId,
        childId: child._id,
      });
  }
  if (drafts.length) await remind(db, drafts, now);
  return shared;
}

// ───────────────────────── scheduler sources ─────────────────────────

/** The schools in id order after `after`: a run stopped between invocations goes on from the school it last finished. */
async function* schoolsOf(db: Database, after: string | null): AsyncGenerator<string> {
  for await (const page of pages<{ _id: string }>(db, COLLECTION.schools, {}, { fields: { _id: true }, after })) for (const s of page) yield s._id;
}

/** The live classes of a school by id, with their names. */
async function liveClasses(db: Database, schoolId: string): Promise<Map<string, string>> {
  const rows = await fetchAllRows<{ _id: string; name: string; archivedAt?: Date | null }>((skip) =>
    db.collection(COLLECTION.classes).where({ schoolId }).field({ name: true, archivedAt: true }).skip(skip).limit(1000).get(),
  );
  return new Map(rows.filter((c) => !c.archivedAt).map((c) => [c._id, c.name]));
}

/** A school's children due a talk in `month` without one yet, page by page (1000 children at a time). */
async function* undone(db: Database, schoolId: string, month: string): AsyncGenerator<RoundChild[]> {
  const _ = db.command;
  const classes = await liveClasses(db, schoolId);
  for await (const children of pages<RoundChild>(db, COLLECTION.children, { schoolId }, { fields: ROUND_CHILD_FIELDS })) {
    const due = children.filter((c) => dueIn(c, month) && classes.has(c.classId));
    if (!due.length) continue;
    const talked = await fetchAllRows<{ childId: string }>((skip) =>
      db
        .collection(COLLECTION.talks)
        .where({ childId: _.in(due.map((c) => c._id)), month })
        .field({ childId: true })
        .skip(skip)
        .limit(1000)
        .get(),
    );
    const done = new Set(talked.map((t) => t.childId));
    const left = due.filter((c) => !done.has(c._id));
    if (left.length) yield left;
  }
}

const names = (list: string[]) => (list.length > 5 ? `${list.slice(0, 5).join('、')}等 ${list.length} 名孩子` : list.join('、'));

/** The 20th (Beijing): each teacher hears which of their children have no talk recorded this month. */
async function* nudges({ db, now, after }: SourceContext): AsyncGenerator<CheckpointBatch> {
  if (!isNudgeDay(now)) return;
  const month = beijingMonth(now);
  const label = beijing(now).format('M月');
  for await (const schoolId of schoolsOf(db, after)) {
    const perTeacher = new Map<string, string[]>();
    for await (const left of undone(db, schoolId, month)) {
      const who = await responsibleFor(db, left);
      for (const c of left) for (const openid of who.get(c._id)!.openids) perTeacher.set(openid, [...(perTeacher.get(openid) ?? []), c.name]);
    }
    const drafts = [...perTeacher].map(([openid, list]) =>
      notice(
        KIND.nudge,
        { openid, role: 'teacher' },
        {
          subject: `nudge-${openid}`.slice(0, 120),
          occurrence: month,
          title: `${label}还有 ${list.length} 次谈心未记录`,
          body: `${label}还没有谈心记录：${names(list)}。请在月底前完成谈心并填写记录卡。`,
          page: PAGE.month(),
          count: list.length,
          schoolId,
          childId: null,
          now,
        },
      ),
    );
    yield { drafts, cursor: schoolId };
  }
}

/** The 1st: each class teacher hears which talks of last month were left undone in their class. */
async function* overdue({ db, now, after }: SourceContext): AsyncGenerator<CheckpointBatch> {
  const month = shiftMonth(beijingMonth(now), -1);
  const label = `${Number(month.slice(5))}月`;
  for await (const schoolId of schoolsOf(db, after)) {
    const perClass = new Map<string, string[]>();
    for await (const left of undone(db, schoolId, month)) for (const c of left) perClass.set(c.classId, [...(perClass.get(c.classId) ?? []), c.name]);
    if (!perClass.size) {
      yield { drafts: [], cursor: schoolId };
      continue;
    }
    const heads = await classTeacherBindings(db, [...perClass.keys()]);
    const drafts = [...perClass].flatMap(([classId, list]) =>
      teachers(headsFirst(heads.filter((h) => h.classId === classId)).map((h) => h.openid)).map((t) =>
        notice(KIND.overdue, t, {
          subject: classId,
          occurrence: month,
          title: `${label}有 ${list.length} 名孩子未谈心`,
          body: `${label}的谈心有 ${list.length} 名留守儿童没有完成：${names(list)}。请督促补谈并记录。`,
          page: PAGE.month(`?classId=${classId}&month=${month}`),
          count: list.length,
          schoolId,
          childId: null,
          now,
        }),
      ),
    );
    yield { drafts, cursor: schoolId };
  }
}

/** Days before (7, 2, 0) and weeks after its due day on which a missing plan is reminded of. */
const planRemindsOn = (daysLeft: number) => daysLeft === 7 || daysLeft === 2 || daysLeft === 0 || (daysLeft < 0 && -daysLeft % 7 === 0);

async function* plansDue({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const today = beijingDate(now);
  for await (const page of pages<TalkRecord>(db, COLLECTION.talks, { planPending: true })) {
    const earliest = new Map<string, TalkRecord>();
    for (const t of page)
      if (!earliest.has(t.childId) || t.planRequirement!.dueDate < earliest.get(t.childId)!.planRequirement!.dueDate) earliest.set(t.childId, t);
    const due = [...earliest.values()].filter((t) => planRemindsOn(daysBetween(today, t.planRequirement!.dueDate)));
    if (!due.length) continue;
    const children = await fetchAllRows<RoundChild>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ _id: db.command.in(due.map((t) => t.childId)), deletedAt: null })
        .field(ROUND_CHILD_FIELDS)
        .skip(skip)
        .limit(1000)
        .get(),
    );
    const who = await responsibleFor(db, children);
    const adminsOf = new Map<string, Recipient[]>();
    const drafts: ReminderDraft[] = [];
    for (const child of children) {
      const t = due.find((x) => x.childId === child._id)!;
      const left = daysBetween(today, t.planRequirement!.dueDate);
      const late = left < 0;
      if (late && !adminsOf.has(child.schoolId))
        adminsOf.set(
          child.schoolId,
          (await schoolAdmins(db, child.schoolId)).map((a) => ({ openid: a.openid, role: 'admin' as const })),
        );
      const admins = late ? adminsOf.get(child.schoolId)! : [];
      const title = late ? `${child.name}的个别教育管理方案已逾期` : left === 0 ? `今天须为${child.name}制定方案` : `${child.name}的方案还有 ${left} 天到期`;
      const body = `${dayLabel(t.date)}谈心发现的问题需要个别教育管理方案，应在${dayLabel(t.planRequirement!.dueDate)}前制定${late ? `，已逾期 ${-left} 天` : ''}。`;
      for (const person of [...teachers(who.get(child._id)!.openids), ...admins])
        drafts.push(
          notice(KIND.planDue, person, {
            subject: t._id,
            occurrence: today,
            title,
            body,
            page: PAGE.plan(`childId=${child._id}`),
            schoolId: child.schoolId,
            childId: child._id,
            now,
          }),
        );
    }
    if (drafts.length) yield drafts;
  }
}

const REVIEW_NOTICE_DAYS = 3;

async function* reviews({ db, now }: SourceContext): AsyncGenerator<ReminderDraft[]> {
  const _ = db.command;
  const today = beijingDate(now);
  const where = { status: 'open', nextReview: _.gte(today).and(_.lte(addDays(today, REVIEW_NOTICE_DAYS))) };
  for await (const page of pages<EducationPlanRecord>(db, COLLECTION.educationPlans, where)) {
    const soon = page.filter((p) => [0, REVIEW_NOTICE_DAYS].includes(daysBetween(today, p.nextReview!)));
    if (!soon.length) continue;
    const children = await fetchAllRows<RoundChild>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ _id: _.in(soon.map((p) => p.childId)), deletedAt: null })
        .field(ROUND_CHILD_FIELDS)
        .skip(skip)
        .limit(1000)
        .get(),
    );
    const who = await responsibleFor(db, children);
    const drafts = children.flatMap((child) => {
      const plan = soon.find((p) => p.childId === child._id)!;
      const onTheDay = plan.nextReview === today;
      const title = onTheDay ? `今天复查${child.name}的方案` : `${child.name}的方案 ${REVIEW_NOTICE_DAYS} 天后复查`;
      const body = `${child.name}的个别教育管理方案定于${dayLabel(plan.nextReview!)}复查，请复查后记录结果。`;
      return teachers([plan.createdBy.openid, ...who.get(child._id)!.openids]).map((t) =>
        notice(KIND.review, t, {
          subject: plan._id,
          occurrence: `${plan.nextReview}|${onTheDay ? 'day' : 'before'}`,
          title,
          body,
          page: PAGE.plan(`planId=${plan._id}`),
          schoolId: child.schoolId,
          childId: child._id,
          now,
        }),
      );
    });
    if (drafts.length) yield drafts;
  }
}

export const TALK_SOURCES: ReminderSource[] = [
  { name: 'talksNudge', cadence: 'daily', collect: nudges },
  { name: 'talksOverdue', cadence: 'monthly', collect: overdue },
  { name: 'plansDue', cadence: 'daily', collect: plansDue },
  { name: 'plansReview', cadence: 'daily', collect: reviews },
];
