/**
 * The ledger's totals, from its entries (pure; integer 分 throughout): relief applied, approved and paid; the 低保
 * in force today (each child's latest change on or before today); what was paid for the children; material aid;
 * referrals. The same sums serve a child, a community, a township and a school.
 */
import type { AssistanceEntry } from '../../../../typings/domain';
import type { LedgerOutput, LedgerTotals } from '../../../../typings/actions/community';
import { yuan } from './money';

export function emptyTotals(): LedgerTotals {
  return {
    reliefAppliedFen: 0,
    reliefApprovedFen: 0,
    reliefPaidFen: 0,
    allowanceMonthlyFen: 0,
    paymentsFen: 0,
    materialItems: 0,
    materialValueFen: 0,
    referrals: 0,
    children: 0,
  };
}

/** Each child's 低保 in force on `today`: the latest change dated on or before it. */
export function allowanceInForce(
  entries: Pick<AssistanceEntry, 'kind' | 'childId' | 'date' | 'amountFen' | 'recordedAt'>[],
  today: string,
): Map<string, number> {
  const latest = new Map<string, { date: string; at: number; fen: number }>();
  for (const e of entries) {
    if (e.kind !== 'allowance' || e.date > today) continue;
    const prev = latest.get(e.childId);
    const at = e.recordedAt.getTime();
    if (!prev || e.date > prev.date || (e.date === prev.date && at > prev.at)) latest.set(e.childId, { date: e.date, at, fen: e.amountFen ?? 0 });
  }
  return new Map([...latest].map(([childId, v]) => [childId, v.fen]));
}

/** The fields of a ledger entry its totals are counted from. */
export type LedgerFigures = Pick<AssistanceEntry, 'kind' | 'childId' | 'date' | 'recordedAt' | 'amountFen' | 'approvedFen' | 'paidFen' | 'quantity'>;

export function ledgerTotals(entries: LedgerFigures[], today: string): LedgerTotals {
  const t = emptyTotals();
  for (const e of entries) {
    if (e.kind === 'relief') {
      t.reliefAppliedFen += e.amountFen ?? 0;
      t.reliefApprovedFen += e.approvedFen ?? 0;
      t.reliefPaidFen += e.paidFen ?? 0;
    } else if (e.kind === 'payment') t.paymentsFen += e.amountFen ?? 0;
    else if (e.kind === 'material') {
      t.materialItems += e.quantity ?? 0;
      t.materialValueFen += e.amountFen ?? 0;
    } else if (e.kind === 'referral') t.referrals += 1;
  }
  for (const fen of allowanceInForce(entries, today).values()) t.allowanceMonthlyFen += fen;
  t.children = new Set(entries.map((e) => e.childId)).size;
  return t;
}

export function totalsYuan(t: LedgerTotals): LedgerOutput['totalsYuan'] {
  return {
    reliefApplied: yuan(t.reliefAppliedFen),
    reliefApproved: yuan(t.reliefApprovedFen),
    reliefPaid: yuan(t.reliefPaidFen),
    allowanceMonthly: yuan(t.allowanceMonthlyFen),
    payments: yuan(t.paymentsFen),
    materialValue: yuan(t.materialValueFen),
  };
}

/** The totals of each child's own entries. */
export function totalsByChild(entries: LedgerFigures[], today: string): Map<string, LedgerTotals> {
  const byChild = new Map<string, LedgerFigures[]>();
  for (const e of entries) byChild.set(e.childId, [...(byChild.get(e.childId) ?? []), e]);
  return new Map([...byChild].map(([childId, list]) => [childId, ledgerTotals(list, today)]));
}
