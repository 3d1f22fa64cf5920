/**
 * 统计表: the counts and rates of a school (a row per class and the school's total) or of a county (a row per
 * school and the county's total), with each rate's target in its header, as xlsx through the exports' own path.
 * Built from the dashboards' aggregate counts: counts only, no child in it; the export is audited.
 */
import type { ExportOutput } from '../../../typings/actions/archive';
import type { RateView } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import type { Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { buildWorkbook, type ExportRow, type SheetSpec } from '../archive/excel';
import { storeExport } from '../archive/export';
import { RATES, ratesOfTally, sumTallies } from '../dashboard/rates';
import { schoolTallies } from '../dashboard/school';
import { countySchools, countySchoolTallies } from '../dashboard/county';
import type { Tally } from '../dashboard/counts';
import { beijingDate } from '../time';

const percentText = (r: RateView) => (r.rate === null ? '—' : r.rate.toFixed(1));

/** The 统计表's columns: who, how many left-behind children, then per rate the count, the base and the rate. */
export function statisticsColumns(who: string): SheetSpec['columns'] {
  return [
    { key: 'seq', header: '序号', width: 6 },
    { key: 'name', header: who, width: 16 },
    { key: 'leftBehind', header: '留守儿童（人）', width: 10 },
    ...RATES.flatMap((r) => [
      { key: `${r.key}N`, header: `${r.label}·达到（人）`, width: 12 },
      { key: `${r.key}D`, header: `${r.label}·应计（人）`, width: 12 },
      { key: `${r.key}R`, header: `${r.label}（%，目标${r.target}）`, width: 14 },
    ]),
    { key: 'behind', header: '未达标项', width: 30 },
  ];
}

export function statisticsRow(name: string, tally: Tally | undefined): ExportRow {
  const rates = ratesOfTally(tally);
  const row: ExportRow = { name, leftBehind: rates[0].denominator };
  for (const r of rates) Object.assign(row, { [`${r.key}N`]: r.numerator, [`${r.key}D`]: r.denominator, [`${r.key}R`]: percentText(r) });
  row.behind =
    rates
      .filter((r) => r.met === false)
      .map((r) => r.label)
      .join('、') || '无';
  return row;
}

export function statisticsSheet(title: string, who: string, rows: ExportRow[]): SheetSpec {
  return { name: '统计表', title, columns: statisticsColumns(who), rows: rows.map((r, i) => ({ seq: String(i + 1), ...r })) };
}

/** The school's rows: each class in use, then the school (its total counts every class, archived ones too). */
export async function schoolStatistics(db: Database, t: Target, schoolName: string, termName: string | undefined, now: Date) {
  const counted = await schoolTallies(db, t, termName, now);
  const rows = counted.classes.filter((c) => !c.archivedAt).map((c) => statisticsRow(c.name, counted.tallies.get(c._id)));
  rows.push(statisticsRow(`${schoolName}合计`, counted.total));
  return { ...counted, sheet: statisticsSheet(`${schoolName}留守儿童工作统计表（${counted.term.name}）`, '班级', rows) };
}

export async function exportSchoolStatistics(
  db: Database,
  t: Target,
  schoolName: string,
  termName: string | undefined,
  actor: AuditActor,
): Promise<ExportOutput> {
  const { sheet, term, asOf } = await schoolStatistics(db, t, schoolName, termName, actor.now);
  const buffer = await buildWorkbook([sheet], `统计到${asOf}，只有人数，不含儿童信息`);
  const answer = await storeExport(db, { buffer, fileName: `${schoolName}统计表-${term.name}.xlsx`, rows: sheet.rows.length - 1 }, actor);
  await audit(db, actor, [{ kind: 'export', schoolId: t.schoolId, childId: null, fields: ['统计表'], note: `导出统计表（${term.name}）` }]);
  return answer;
}

/** The county's 统计表: a row per school in its current term, then the county. */
export async function exportCountyStatistics(db: Database, county: { _id: string; name: string }, actor: AuditActor): Promise<ExportOutput> {
  const schools = await countySchools(db, county._id);
  const counted = schools.length ? await countySchoolTallies(db, schools, actor.now) : new Map<string, { tally: Tally }>();
  const rows = schools.map((s) => statisticsRow(s.name, counted.get(s._id)?.tally));
  rows.push(statisticsRow(`${county.name}合计`, sumTallies([...counted.values()].map((c) => c.tally))));
  const today = beijingDate(actor.now);
  const sheet = statisticsSheet(`${county.name}留守儿童工作统计表`, '学校', rows);
  const buffer = await buildWorkbook([sheet], `统计到${today}，各校按各自的本学期、最近一次统计（每天早晨），只有人数，不含儿童信息`);
  const answer = await storeExport(db, { buffer, fileName: `${county.name}统计表-${today}.xlsx`, rows: schools.length }, actor);
  await audit(db, actor, [{ kind: 'export', schoolId: null, childId: null, fields: ['统计表'], note: `县教育局导出全县统计表（${county.name}）` }]);
  return answer;
}
