/**
 * The term's appraisal (工作考评) of each teacher: for every duty they answer for, done vs due, from the records as
 * the dashboard and the talk area count them. A class duty (建档, 结对, 亲情视频, 家长会) is that class's numbers from
 * the dashboard's own counts (dashboard/counts.ts, aggregate queries); 谈心 counts, over the term's months so far, the
 * children whose talk is theirs (the talk area's rule: the mentor while paired, else the class's holder of the duty)
 * and whether that month's talk was recorded, summed in the database. Nothing is read child by child.
 */
import type { AppraisalCell, AppraisalRow, AppraisalView, DutyKey } from '../../../typings/actions/workPlan';
import type { RateKey } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { loadCalendar } from '../familyCalls/calendar';
import { tallyRates } from '../dashboard/counts';
import { countedAtOf, keptCountsOf, lastChangeOf, standingCounts } from '../dashboard/kept';
import { percent } from '../dashboard/rates';
import { asOfDay, termMonths } from '../dashboard/terms';
import { shiftMonth, TALK_DUE_TYPES } from '../talks/round';
import { beijingDate, fromBeijing } from '../time';
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

/** The children of a class with the same live mentors (帮扶教师) who came in the same month, and their talks. */
interface TalkSums {
  _id: { classId: string; mentors: string[]; since: string };
  /** How many children. */
  children: number;
  /** Their months with a talk recorded, from `since` on. */
  done: number;
}

/**
 * The term's talks so far, counted in the database: the left-behind children on the roll by the end of the term's
 * last month so far (a child with no entry date is not due, as the dashboard counts), each with its first month due
 * (the first whose end comes after its entry), its live mentors, whose the talks are while paired, and its months
 * with a talk recorded from then on, summed per class, mentors and first month: a few numbers per class.
 */
function talkSums(db: Database, schoolId: string, months: string[]): Promise<TalkSums[]> {
  if (!months.length) return Promise.resolve([]);
  const _ = db.command;
  const monthEnd = (m: string) => fromBeijing(`${shiftMonth(m, 1)}-01 00:00`);
  const liveMentor = {
    $and: [{ $eq: ['$$p.kind', 'mentor'] }, { $eq: [{ $ifNull: ['$$p.endedAt', null] }, null] }, { $ne: [{ $ifNull: ['$$p.mentorOpenid', null] }, null] }],
  };
  return db
    .collection(COLLECTION.children)
    .aggregate()
    .match({ schoolId, deletedAt: null, leftBehindType: _.in(TALK_DUE_TYPES), createdAt: _.lt(monthEnd(months[months.length - 1])) })
    .lookup({ from: COLLECTION.pairings, localField: '_id', foreignField: 'childId', as: 'pairings' })
    .lookup({ from: COLLECTION.talks, localField: '_id', foreignField: 'childId', as: 'talks' })
    .project({
      classId: true,
      mentors: { $map: { input: { $filter: { input: '$pairings', as: 'p', cond: liveMentor } }, as: 'p', in: '$$p.mentorOpenid' } },
      since: { $switch: { branches: months.map((m) => ({ case: { $lt: ['$createdAt', monthEnd(m)] }, then: m })), default: null } },
      talked: { $setIntersection: [{ $ifNull: ['$talks.month', []] }, months] },
    })
    .group({
      _id: { classId: '$classId', mentors: '$mentors', since: '$since' },
      children: { $sum: 1 },
      done: { $sum: { $size: { $filter: { input: '$talked', as: 'm', cond: { $gte: ['$$m', '$since'] } } } } },
    })
    .limit(10000)
    .end()
    .then((res: { data: unknown[] }) => res.data as TalkSums[]);
}

const cell = (done: number, due: number): AppraisalCell => ({ done, due, rate: percent(done, due) });

export async function appraisal(db: Database, schoolId: string, termName: string | undefined, now: Date): Promise<AppraisalView> {
  const [calendar, school, kept, lastChange] = await Promise.all([
    loadCalendar(db, schoolId),
    loadSchoolPlans(db, schoolId),
    keptCountsOf(db, schoolId),
    lastChangeOf(db, schoolId),
  ]);
  const { term } = pickTerm(calendar?.terms ?? [], termName, now);
  if (term.start > beijingDate(now)) throw new AppError('NOT_FOUND', `${term.name}还没有开始，开学后才有考评`, [{ path: 'term', message: '学期尚未开始' }]);
  const asOf = asOfDay(term, now);
  const months = termMonths(term, asOf);
  // The class duties are the dashboard's own counts per class (those kept, while they stand, as the dashboard shows
  // them); the talks are summed per class, mentors and first month due.
  const keptClasses = standingCounts(kept, lastChange, term, asOf);
  const [perClass, talks] = await Promise.all([
    keptClasses ?? tallyRates(db, { field: 'schoolId', ids: [schoolId], by: 'classId' }, term, asOf),
    talkSums(db, schoolId, months),
  ]);
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
  for (const [classId, counts] of perClass)
    for (const [duty, rate] of Object.entries(DUTY_RATE) as [DutyKey, RateKey][])
      add(holderOf(classId, duty), duty, counts[rate].numerator, counts[rate].denominator);
  // Each month a child was due a talk goes to whoever the talk belongs to (as the talk area's responsibleFor
  // decides): the mentor while paired, else the class's holder of the duty.
  // A group's children were each due every month from their first one on.
  for (const t of talks) {
    const due = t.children * months.filter((m) => m >= t._id.since).length;
    for (const openid of t._id.mentors.length ? t._id.mentors : [holderOf(t._id.classId, 'talks')]) add(openid, 'talks', t.done, due);
  }

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
  const countedAt = countedAtOf(kept, keptClasses);
  return { schoolId, term, asOf, countedAt, duties: DUTIES.map((key) => ({ key, label: DUTY_LABELS[key], basis: BASIS[key] })), rows };
}
