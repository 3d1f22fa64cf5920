/**
 * The ledger as a spreadsheet (帮扶台账.xlsx) of a community or the school: a summary row per child, then every
 * entry. Amounts are written as 元 with two decimals, from integer 分. Every child in the file is audited.
 */
import type { ExportOutput } from '../../../../typings/actions/archive';
import type { LedgerTotals } from '../../../../typings/actions/community';
import type { Database } from '../../cloud';
import { audit, type AuditActor } from '../../audit';
import { beijingDate } from '../../time';
import { buildWorkbook, type ExportRow, type SheetSpec } from '../../archive/excel';
import { storeExport } from '../../archive/export';
import { childrenOf, loadEntries, newestFirst } from './ledger';
import { KIND_LABELS, RELIEF_STATUS_LABELS, SOURCE_LABELS } from './labels';
import { yuan } from './money';
import { ledgerTotals, totalsByChild } from './totals';

const money = (fen: number | null) => (fen === null ? null : yuan(fen));

function summaryRow(name: string, className: string, t: LedgerTotals): ExportRow {
  return {
    name,
    className,
    reliefApplied: yuan(t.reliefAppliedFen),
    reliefPaid: yuan(t.reliefPaidFen),
    allowance: yuan(t.allowanceMonthlyFen),
    payments: yuan(t.paymentsFen),
    materialItems: t.materialItems,
    materialValue: yuan(t.materialValueFen),
    referrals: t.referrals,
  };
}

const SUMMARY_COLUMNS: SheetSpec['columns'] = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'className', header: '班级', width: 14 },
  { key: 'reliefApplied', header: '临时救助申请（元）', width: 16 },
  { key: 'reliefPaid', header: '临时救助已发放（元）', width: 18 },
  { key: 'allowance', header: '低保每月（元）', width: 14 },
  { key: 'payments', header: '代付合计（元）', width: 14 },
  { key: 'materialItems', header: '物资（件）', width: 10 },
  { key: 'materialValue', header: '物资价值（元）', width: 14 },
  { key: 'referrals', header: '转介（次）', width: 10 },
];

const ENTRY_COLUMNS: SheetSpec['columns'] = [
  { key: 'seq', header: '序号', width: 6 },
  { key: 'date', header: '日期', width: 12 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'className', header: '班级', width: 14 },
  { key: 'kind', header: '类别', width: 10 },
  { key: 'amount', header: '金额（元）', width: 12 },
  { key: 'party', header: '部门/收款方/捐赠方/组织', width: 22 },
  { key: 'item', header: '事项/物资', width: 12 },
  { key: 'quantity', header: '数量', width: 8 },
  { key: 'source', header: '物资来源', width: 12 },
  { key: 'status', header: '救助进展', width: 24 },
  { key: 'note', header: '备注', width: 24 },
  { key: 'by', header: '登记人', width: 16 },
];

export async function exportLedger(
  db: Database,
  scope: { key: 'communityId' | 'schoolId'; id: string; name: string; schoolId: string },
  actor: AuditActor,
): Promise<ExportOutput> {
  const today = beijingDate(actor.now);
  const entries = (await loadEntries(db, { [scope.key]: scope.id })).sort(newestFirst);
  const childIds = [...new Set(entries.map((e) => e.childId))];
  const { names, classes } = await childrenOf(db, scope.schoolId, childIds);
  const byChild = totalsByChild(entries, today);
  const summary = childIds
    .map((id) => summaryRow(names.get(id) ?? '', classes.get(id) ?? '', byChild.get(id)!))
    .sort((a, b) => String(a.className).localeCompare(String(b.className)) || String(a.name).localeCompare(String(b.name), 'zh'));
  summary.push(summaryRow('合计', '', ledgerTotals(entries, today)));
  const rows: ExportRow[] = entries.map((e) => ({
    date: e.date,
    name: names.get(e.childId) ?? '',
    className: classes.get(e.childId) ?? '',
    kind: KIND_LABELS[e.kind],
    amount: money(e.amountFen),
    party: e.party,
    item: e.item,
    quantity: e.quantity,
    source: e.source ? SOURCE_LABELS[e.source] : null,
    status:
      e.kind === 'relief'
        ? [
            RELIEF_STATUS_LABELS[e.status ?? 'applied'],
            e.approvedFen !== null ? `批准 ${yuan(e.approvedFen)}` : '',
            e.paidFen !== null ? `发放 ${yuan(e.paidFen)}` : '',
          ]
            .filter(Boolean)
            .join('，')
        : e.kind === 'recurring'
          ? `每月${e.dayOfMonth}日${e.untilMonth ? `，至${e.untilMonth}` : ''}`
          : null,
    note: e.note,
    by: e.recordedLabel,
  }));
  const title = `${scope.name}留守儿童帮扶台账`;
  const buffer = await buildWorkbook(
    [
      { name: '汇总', title, columns: SUMMARY_COLUMNS, rows: summary },
      { name: '明细', title: `${title}（明细）`, columns: ENTRY_COLUMNS, rows },
    ],
    `导出日期：${today}  共 ${childIds.length} 人 ${entries.length} 条  （金额单位：元；含儿童敏感个人信息，请妥善保管，勿外传）`,
  );
  const fileName = `${scope.name}帮扶台账_${today}.xlsx`;
  const out = await storeExport(db, { buffer, fileName, rows: entries.length }, actor);
  if (childIds.length)
    await audit(
      db,
      actor,
      childIds.map((childId) => ({ kind: 'export' as const, schoolId: scope.schoolId, childId, fields: ['assistance'], note: fileName })),
    );
  return out;
}
