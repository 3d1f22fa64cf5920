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
import { shiftMonth } from '../talks/round';
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

/** The children due a monthly talk (talks/round.ts isLeftBehind). */
const TALK_DUE_TYPES = ['both_away', 'one_away_other_unable'];

const BASIS: Record<DutyKey, string> = {
  archive: '所负责班级档案齐全的留守儿童 / 留守儿童',
  pairing: '所负责班级有帮扶教师和手拉手好朋友的留守儿童 / 留守儿童',
  familyCall: '所负责班级本周有亲情联系的留守儿童 / 留守儿童',
  talks: '本学期已记录的每月谈心 / 应谈心（人次，本人负责的孩子）',
  parentMeeting: '所负责班级本学年监护人参加过家长会的留守儿童 / 留守儿童',
};

/** Children due and talks recorded over the term's months, summed per class and per set of mentors. */
interface TalkSums {
  _id: { classId: string; mentors: string[] };
  done: number;
  due: number;
}

/**
 * The term's talks so far, counted in the database: for each left-behind child, the months it was due a talk (on
 * the roll before the month's end: a child with no entry date is not due, as the dashboard counts) and those of them
 * with a talk recorded, summed per class and per set of live mentors (帮扶教师), whose the talks are while paired.
 */
function talkSums(db: Database, schoolId: string, months: string[]): Promise<TalkSums[]> {
  const monthEnd = (m: string) => fromBeijing(`${shiftMonth(m, 1)}-01 00:00`);
  const onRoll = (m: string) => ({ $and: [{ $ne: [{ $ifNull: ['$createdAt', null] }, null] }, { $lt: ['$createdAt', monthEnd(m)] }] });
  const sum = (terms: unknown[]) => (terms.length ? { $add: terms } : 0);
  return db
    .collection(COLLECTION.children)
    .aggregate()
    .match({ schoolId, deletedAt: null, leftBehindType: db.command.in(TALK_DUE_TYPES) })
    .project({ classId: true, createdAt: true })
    .lookup({ from: COLLECTION.pairings, localField: '_id', foreignField: 'childId', as: 'pairings' })
    .lookup({ from: COLLECTION.talks, localField: '_id', foreignField: 'childId', as: 'talks' })
    .project({
      classId: true,
      mentors: {
        $map: {
          input: {
            $filter: {
              input: '$pairings',
              as: 'p',
              cond: {
                $and: [
                  { $eq: ['$$p.kind', 'mentor'] },
                  { $eq: [{ $ifNull: ['$$p.endedAt', null] }, null] },
                  { $ne: [{ $ifNull: ['$$p.mentorOpenid', null] }, null] },
                ],
              },
            },
          },
          as: 'p',
          in: '$$p.mentorOpenid',
        },
      },
      due: sum(months.map((m) => ({ $cond: [onRoll(m), 1, 0] }))),
      done: sum(months.map((m) => ({ $cond: [{ $and: [onRoll(m), { $in: [m, { $ifNull: ['$talks.month', []] }] }] }, 1, 0] }))),
    })
    .group({ _id: { classId: '$classId', mentors: '$mentors' }, done: { $sum: '$done' }, due: { $sum: '$due' } })
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
  // them); the talks are summed per class and mentors.
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
  for (const t of talks) for (const openid of t._id.mentors.length ? t._id.mentors : [holderOf(t._id.classId, 'talks')]) add(openid, 'talks', t.done, t.due);

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
