/**
 * 工作档案: the school year's (学年, from 9月1日) care work as one workbook, a sheet per part: the 统计表 of the
 * term, the work of each month (talks, video and phone calls, home visits, assistance, symposiums), the year's
 * symposiums with how many came, the year's cases (grade and kind only), and the term's 工作总结 (the saved draft,
 * else a fresh one). Counts and the school's own texts only: no child's name or id. The export is audited.
 */
import type { ExportOutput } from '../../../typings/actions/archive';
import type { AlertRecord } from '../../../typings/domain';
import type { Database } from '../cloud';
import type { Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { buildWorkbook, type ExportRow, type SheetSpec } from '../archive/excel';
import { storeExport } from '../archive/export';
import type { SymposiumRecord } from '../talks/records';
import { schoolYear } from '../dashboard/terms';
import { dayjs, fromBeijing, monthDayText } from '../time';
import { monthDays } from '../talks/round';
import { heldSymposiums } from '../talks/symposiums';
import { schoolStatistics } from './statistics';
import { workSummary } from './summary';
import { caseOf, gradeText } from './sections';

/** The months of the school year up to `asOf`. */
function yearMonths(asOf: string): string[] {
  const out: string[] = [];
  for (let m = dayjs.utc(schoolYear(asOf).start); m.format('YYYY-MM') <= asOf.slice(0, 7); m = m.add(1, 'month')) out.push(m.format('YYYY-MM'));
  return out;
}

const MONTH_COLUMNS: SheetSpec['columns'] = [
  { key: 'month', header: '月份', width: 12 },
  { key: 'talks', header: '谈心（次）', width: 10 },
  { key: 'videoCalls', header: '亲情视频（次）', width: 12 },
  { key: 'phoneCalls', header: '亲情电话（次）', width: 12 },
  { key: 'visits', header: '入户走访（次）', width: 12 },
  { key: 'assistance', header: '帮扶登记（次）', width: 12 },
  { key: 'symposiums', header: '家长会/座谈会（次）', width: 14 },
];

/** Each month's work, counted (a handful of counts per month, all at once). */
async function monthRows(db: Database, schoolId: string, months: string[]): Promise<ExportRow[]> {
  const _ = db.command;
  const count = (collection: string, where: Record<string, unknown>) =>
    db
      .collection(collection)
      .where({ schoolId, ...where })
      .count()
      .then((r: { total: number }) => r.total);
  return Promise.all(
    months.map(async (month) => {
      const { first, last } = monthDays(month);
      const days = _.gte(first).and(_.lte(last));
      const at = _.gte(fromBeijing(`${first} 00:00`)).and(_.lt(fromBeijing(`${dayjs.utc(last).add(1, 'day').format('YYYY-MM-DD')} 00:00`)));
      const [talks, videoCalls, phoneCalls, visits, assistance, symposiums] = await Promise.all([
        count(COLLECTION.talks, { month }),
        count(COLLECTION.familyCalls, { status: 'done', startsAt: at }),
        count(COLLECTION.phoneCalls, { at }),
        count(COLLECTION.visits, { date: days }),
        count(COLLECTION.assistance, { date: days }),
        count(COLLECTION.symposiums, { date: days, status: heldSymposiums(db) }),
      ]);
      return { month: `${month.slice(0, 4)}年${Number(month.slice(5))}月`, talks, videoCalls, phoneCalls, visits, assistance, symposiums };
    }),
  );
}

/** The year's symposiums with the number who signed in. */
async function symposiumRows(db: Database, schoolId: string, from: string, to: string): Promise<ExportRow[]> {
  const _ = db.command;
  const [held, came] = await Promise.all([
    db
      .collection(COLLECTION.symposiums)
      .where({ schoolId, date: _.gte(from).and(_.lte(to)), status: heldSymposiums(db) })
      .field({ date: true, topic: true, place: true })
      .limit(1000)
      .get(),
    db
      .collection(COLLECTION.symposiumAttendance)
      .aggregate()
      .match({ schoolId })
      .group({ _id: '$symposiumId', n: { $sum: 1 } })
      .limit(10000)
      .end(),
  ]);
  const counts = new Map((came.data as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
  return (held.data as Pick<SymposiumRecord, '_id' | 'date' | 'topic' | 'place'>[])
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((s) => ({ date: `${s.date.slice(0, 4)}年${monthDayText(s.date)}`, topic: s.topic, place: s.place ?? '', came: counts.get(s._id) ?? 0 }));
}

export async function exportWorkArchive(db: Database, t: Target, schoolName: string, termName: string | undefined, actor: AuditActor): Promise<ExportOutput> {
  const _ = db.command;
  const stats = await schoolStatistics(db, t, schoolName, termName, actor.now);
  const year = schoolYear(stats.asOf);
  const yearFrom = fromBeijing(`${year.start} 00:00`);
  const [months, symposiums, alerts, summary] = await Promise.all([
    monthRows(db, t.schoolId, yearMonths(stats.asOf)),
    symposiumRows(db, t.schoolId, year.start, stats.asOf),
    db
      .collection(COLLECTION.alerts)
      .where({ schoolId: t.schoolId, createdAt: _.gte(yearFrom) })
      .field({ kind: true, change: true, urgent: true, resolvedAt: true, classId: true, createdAt: true })
      .limit(1000)
      .get(),
    workSummary(db, t, stats.term.name, false, actor.now),
  ]);
  const gradeOf = new Map(stats.classes.map((c) => [c._id, c.grade]));
  const caseRows = (alerts.data as AlertRecord[]).map((a) => {
    const c = caseOf(a, gradeOf);
    return { grade: gradeText(c.grade), kind: c.kind, closed: c.closed ? '已处置' : '跟进中' };
  });
  const yearName = `${year.start.slice(0, 4)}—${year.end.slice(0, 4)}学年`;
  const sheets: SheetSpec[] = [
    stats.sheet,
    { name: '月度工作', title: `${schoolName}${yearName}月度工作`, columns: MONTH_COLUMNS, rows: months },
    {
      name: '家长会与座谈会',
      title: `${schoolName}${yearName}家长会与座谈会`,
      columns: [
        { key: 'date', header: '日期', width: 14 },
        { key: 'topic', header: '主题', width: 24 },
        { key: 'place', header: '地点', width: 16 },
        { key: 'came', header: '签到（人）', width: 10 },
      ],
      rows: symposiums,
    },
    {
      name: '预警个案',
      title: `${schoolName}${yearName}预警个案（已隐去姓名）`,
      columns: [
        { key: 'grade', header: '年级', width: 10 },
        { key: 'kind', header: '情况', width: 30 },
        { key: 'closed', header: '处置', width: 10 },
      ],
      rows: caseRows,
    },
    {
      name: '工作总结',
      title: `${schoolName}${stats.term.name}工作总结${summary.saved ? '' : '（草稿，由记录生成）'}`,
      columns: [
        { key: 'heading', header: '部分', width: 24 },
        { key: 'text', header: '内容', width: 90 },
      ],
      rows: summary.sections.map((s) => ({ heading: s.heading, text: s.text })),
    },
  ];
  const buffer = await buildWorkbook(sheets, `统计到${stats.asOf}，只有人数，不含儿童信息`);
  const answer = await storeExport(db, { buffer, fileName: `${schoolName}工作档案-${yearName}.xlsx`, rows: months.length }, actor);
  await audit(db, actor, [{ kind: 'export', schoolId: t.schoolId, childId: null, fields: ['工作档案'], note: `导出工作档案（${yearName}）` }]);
  return answer;
}
