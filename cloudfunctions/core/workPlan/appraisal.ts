/**
 * The term's appraisal (工作考评) of each teacher: for every duty they answer for, done vs due, from the records as
 * the dashboard and the talk area count them. A class duty (建档, 结对, 亲情视频, 家长会) counts that class's children
 * through the dashboard's own judges (so its numbers are the dashboard's); 谈心 counts, over the term's months so far,
 * the children whose talk is theirs (the talk area's rule: the mentor while paired, else the class's holder of the
 * duty) and whether that month's talk was recorded.
 */
import type { AppraisalCell, AppraisalRow, AppraisalView, DutyKey } from '../../../typings/actions/workPlan';
import type { RateKey } from '../../../typings/actions/dashboard';
import type { Pairing } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { loadCalendar } from '../familyCalls/calendar';
import { fetchAllRows } from '../familyCalls/load';
import { loadRateData, type RateData } from '../dashboard/load';
import { judgeAll, percent } from '../dashboard/rates';
import { asOfDay, termMonths } from '../dashboard/terms';
import { mentorPairings } from '../talks/people';
import { dueIn } from '../talks/round';
import { beijingDate } from '../time';
import { DUTIES, DUTY_LABELS, GROUP_ROLE_LABELS, planIdOf } from './records';
import { pickTerm } from './terms';
import { loadSchoolPlans, responsibilitiesOf } from './view';

/** The dashboard rate a class duty is judged by. */
const DUTY_RATE: Record<Exclude<DutyKey, 'talks'>, RateKey> = {
  archive: 'archive',
  pairing: 'pairing',
  familyCall: 'contact',
  parentMeeting: 'parentEducation',
};

const BASIS: Record<DutyKey, string> = {
  archive: '所负责班级档案齐全的留守儿童 / 留守儿童',
  pairing: '所负责班级有帮扶教师和手拉手好朋友的留守儿童 / 留守儿童',
  familyCall: '所负责班级本周有亲情联系的留守儿童 / 留守儿童',
  talks: '本学期已记录的每月谈心 / 应谈心（人次，本人负责的孩子）',
  parentMeeting: '所负责班级本学年监护人参加过家长会的留守儿童 / 留守儿童',
};

/** The term's talks so far, one row per child and month (grouped in the database), 1,000 at a time. */
function talkMonths(db: Database, schoolId: string, months: string[]): Promise<{ _id: { childId: string; month: string } }[]> {
  return fetchAllRows(
    (skip) =>
      db
        .collection(COLLECTION.talks)
        .aggregate()
        .match({ schoolId, month: db.command.in(months) })
        .group({ _id: { childId: '$childId', month: '$month' } })
        .sort({ _id: 1 })
        .skip(skip)
        .limit(1000)
        .end() as Promise<{ data: unknown[] }>,
  );
}

/** Today's figures begun early (if the term stands at today), else read for the day the term's figures stand at. */
async function rateDataAt(db: Database, schoolId: string, asOf: string, now: Date, early: Promise<RateData | null> | null): Promise<RateData> {
  const ready = asOf === beijingDate(now) && early ? await early : null;
  return ready ?? loadRateData(db, schoolId, { schoolId }, asOf);
}

/** Begin reading the school's figures as of today (a failure here is left to the read that needs them). */
const earlyRateData = (db: Database, schoolId: string, now: Date): Promise<RateData | null> =>
  loadRateData(db, schoolId, { schoolId }, beijingDate(now)).catch(() => null);

const cell = (done: number, due: number): AppraisalCell => ({ done, due, rate: percent(done, due) });

export async function appraisal(db: Database, schoolId: string, termName: string | undefined, now: Date): Promise<AppraisalView> {
  // Today's term is the usual one: its figures and their mentors are read alongside the calendar and the plans.
  const early = termName === undefined ? earlyRateData(db, schoolId, now) : null;
  const earlyMentors = early
    ?.then((d) =>
      d
        ? mentorPairings(
            db,
            d.children.map((c) => c._id),
          )
        : null,
    )
    .catch(() => null);
  const [calendar, school] = await Promise.all([loadCalendar(db, schoolId), loadSchoolPlans(db, schoolId)]);
  const { term } = pickTerm(calendar?.terms ?? [], termName, now);
  if (term.start > beijingDate(now)) throw new AppError('NOT_FOUND', `${term.name}还没有开始，开学后才有考评`, [{ path: 'term', message: '学期尚未开始' }]);
  const asOf = asOfDay(term, now);
  const months = termMonths(term, asOf);
  const [data, talked] = await Promise.all([rateDataAt(db, schoolId, asOf, now, early), talkMonths(db, schoolId, months)]);
  const mentors =
    (data === (await early) ? await earlyMentors : null) ??
    (await mentorPairings(
      db,
      data.children.map((c) => c._id),
    ));
  const plan = school.plans.find((p) => p._id === planIdOf(schoolId, term)) ?? null;
  const holders = responsibilitiesOf(plan, school);
  const holderOf = (classId: string, duty: DutyKey) => holders.find((h) => h.classId === classId && h.duty === duty)?.openid ?? null;

  const tally = new Map<string, Map<DutyKey, AppraisalCell>>();
  const add = (openid: string | null, duty: DutyKey, done: number, due: number) => {
    if (!openid || !due) return;
    const mine = tally.get(openid) ?? new Map<DutyKey, AppraisalCell>();
    const was = mine.get(duty) ?? cell(0, 0);
    mine.set(duty, cell(was.done + done, was.due + due));
    tally.set(openid, mine);
  };
  const verdicts = judgeAll({ data, term, asOf });
  for (const [duty, rate] of Object.entries(DUTY_RATE) as [DutyKey, RateKey][])
    for (const v of verdicts.get(rate)!) add(holderOf(v.classId, duty), duty, Number(v.counted), 1);
  countTalks(data, mentors, new Set(talked.map((t) => `${t._id.childId}|${t._id.month}`)), months, (classId) => holderOf(classId, 'talks'), add);

  const groupRole = new Map(plan?.group.map((m) => [m.openid, GROUP_ROLE_LABELS[m.role]]) ?? []);
  const labelOf = new Map(school.staff.bindings.filter((b) => !b.childId).map((b) => [b.openid, b.label]));
  const rows: AppraisalRow[] = [...tally].map(([openid, cells]) => {
    const all = [...cells.values()];
    return {
      openid,
      name: school.staff.nameOf(openid),
      role: [labelOf.get(openid), groupRole.has(openid) ? `领导小组${groupRole.get(openid)}` : null].filter(Boolean).join(' · '),
      cells: Object.fromEntries(DUTIES.map((d) => [d, cells.get(d) ?? null])) as AppraisalRow['cells'],
      total: cell(
        all.reduce((s, c) => s + c.done, 0),
        all.reduce((s, c) => s + c.due, 0),
      ),
    };
  });
  rows.sort((a, b) => (a.total.rate ?? 101) - (b.total.rate ?? 101) || a.name.localeCompare(b.name, 'zh'));
  return { schoolId, term, asOf, duties: DUTIES.map((key) => ({ key, label: DUTY_LABELS[key], basis: BASIS[key] })), rows };
}

/**
 * Each month a child was due a talk, to whoever the talk belongs to (as the talk area's responsibleFor decides): the
 * mentor while paired, else the class's holder of the duty.
 */
function countTalks(
  data: RateData,
  mentors: Pairing[],
  talked: Set<string>,
  months: string[],
  classHolder: (classId: string) => string | null,
  add: (openid: string | null, duty: DutyKey, done: number, due: number) => void,
): void {
  for (const child of data.children) {
    const mine = mentors.filter((p) => p.childId === child._id && p.mentorOpenid).map((p) => p.mentorOpenid!);
    const openids = mine.length ? mine : [classHolder(child.classId)];
    const due = months.filter((m) => dueIn({ ...child, deletedAt: child.deletedAt ?? null }, m));
    const done = due.filter((m) => talked.has(`${child._id}|${m}`)).length;
    for (const openid of openids) add(openid, 'talks', done, due.length);
  }
}
