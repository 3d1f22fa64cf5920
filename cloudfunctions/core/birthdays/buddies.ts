/**
 * 手拉手好朋友结对子登记卡: the hand-in-hand pairs of a class from the care network (core/archive/care.ts), one row
 * per pair, as xlsx (the workbook and chunked answer of the archive export). The teacher prints or sends it on;
 * every child named in it is in the audit log.
 */
import type { Child, Pairing, SchoolClass } from '../../../typings/domain';
import type { ExportOutput } from '../../../typings/actions/archive';
import type { Database } from '../cloud';
import type { Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { beijingDate } from '../time';
import { docOf, fetchAll } from '../archive/store';
import { buildWorkbook } from '../archive/excel';
import { storeExport } from '../archive/export';
import { dayLabel } from '../familyCalls/clock';
import { whereIn } from './audience';

const COLUMNS = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'className', header: '班级', width: 14 },
  { key: 'child', header: '留守儿童', width: 10 },
  { key: 'buddy', header: '手拉手好朋友', width: 12 },
  { key: 'buddyClass', header: '好朋友所在班级', width: 14 },
  { key: 'since', header: '结对日期', width: 14 },
  { key: 'note', header: '帮扶约定 / 备注', width: 30 },
];

export async function exportBuddyCard(db: Database, target: Target, actor: AuditActor): Promise<ExportOutput> {
  const classId = target.classId!;
  const [school, pairs] = await Promise.all([
    db.collection(COLLECTION.schools).doc(target.schoolId).field({ name: true }).get(),
    fetchAll<Pairing>((skip) =>
      db.collection(COLLECTION.pairings).where({ classId, kind: 'buddy', endedAt: null }).orderBy('startDate', 'asc').skip(skip).limit(1000).get(),
    ),
  ]);
  const ids = pairs.flatMap((p) => [p.childId, p.buddyChildId ?? '']).filter(Boolean);
  const children = await whereIn<Pick<Child, '_id' | 'name' | 'classId'>>(db, COLLECTION.children, '_id', ids, {}, { name: true, classId: true });
  const child = new Map(children.map((c) => [c._id, c]));
  const classes = await whereIn<Pick<SchoolClass, '_id' | 'name'>>(
    db,
    COLLECTION.classes,
    '_id',
    children.map((c) => c.classId),
    {},
    { name: true },
  );
  const className = new Map(classes.map((c) => [c._id, c.name]));
  const rows = pairs
    .filter((p) => child.has(p.childId))
    .map((p) => {
      const buddy = child.get(p.buddyChildId ?? '');
      return {
        className: target.schoolClass?.name ?? '',
        child: child.get(p.childId)!.name,
        buddy: buddy?.name ?? '（已离校）',
        buddyClass: buddy ? (className.get(buddy.classId) ?? '') : '',
        since: `${p.startDate.slice(0, 4)}年${dayLabel(p.startDate)}`,
        note: p.note,
      };
    })
    .sort((a, b) => a.child.localeCompare(b.child, 'zh'));
  const schoolName = docOf<{ name?: string }>(school)?.name ?? '';
  const title = `${schoolName}${target.schoolClass?.name ?? ''}手拉手好朋友结对子登记卡`;
  const buffer = await buildWorkbook(
    [{ name: '结对子登记卡', title, columns: COLUMNS, rows }],
    `导出日期：${beijingDate(actor.now)}  共 ${rows.length} 对  （含儿童个人信息，请妥善保管）`,
  );
  const answer = await storeExport(db, { buffer, fileName: `${title}_${beijingDate(actor.now)}.xlsx`, rows: rows.length }, actor);
  const named = pairs.flatMap((p) => [p.childId, p.buddyChildId]).filter((id): id is string => !!id && child.has(id));
  if (named.length)
    await audit(
      db,
      actor,
      [...new Set(named)].map((childId) => ({ kind: 'export' as const, schoolId: target.schoolId, childId, fields: ['care.buddy'], note: answer.fileName })),
    );
  return answer;
}
